// Chat exports end to end through the SDK against a real server: a Slack paste
// and an iMessage export (sender and time on header lines above the messages)
// become memories credited to the right person and dated by each message's
// own day, citing the message line as written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestAndWait, memoriesOf } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// The export was taken on Saturday 16 March 2024.
const CREATED_AT = '2024-03-16T10:00:00Z';

describe('chat exports end to end', () => {
  let server: TestServer;
  let apiKey: string;

  before(async () => {
    server = await startTestServer();
    apiKey = (await server.createInstance('b2c')).apiKey;
  });
  after(() => server.dispose());

  async function ingest(userId: string, document: string) {
    const sdk = sdkFor(server.url, apiKey);
    const status = await ingestAndWait(sdk, {
      document,
      document_type: 'ai-chat-conversation',
      document_created_at: CREATED_AT,
      user_id: userId,
    });
    assert.equal(status.status, 'completed');
    return memoriesOf(sdk, status.memory_ids);
  }

  it('a Slack paste: speakers from the headers, each message dated by its day divider', async () => {
    const memories = await ingest(
      'slack-user',
      [
        'Monday, March 11th',
        'maya  9:00 AM',
        'i adopted a greyhound called biscuit yesterday',
        'sam_k  9:05 AM',
        'omg pics please',
        'Wednesday, March 13th',
        'sam_k  6:30 PM',
        'i start the new job at the bakery tomorrow',
        'maya  6:31 PM',
        'yesss',
      ].join('\n'),
    );
    const dog = memories.find((memory) => /greyhound/.test(String(memory.content)));
    assert.match(String(dog?.content), /^maya adopted/i);
    assert.deepEqual(dog?.source_evidence, ['i adopted a greyhound called biscuit yesterday']);
    assert.equal(String(dog?.event_date).slice(0, 10), '2024-03-10', '"yesterday" of 11 March');
    const job = memories.find((memory) => /bakery/.test(String(memory.content)));
    assert.match(String(job?.content), /^sam_k starts/i);
    assert.equal(String(job?.event_date).slice(0, 10), '2024-03-14', '"tomorrow" of 13 March');
    for (const memory of memories) {
      for (const line of memory.source_evidence as string[]) assert.doesNotMatch(line, /\d:\d\d [AP]M|March/);
    }
  });

  it('an iMessage export: the sender line names the speaker, the date line dates the message', async () => {
    const memories = await ingest(
      'imessage-user',
      [
        'Mar 14, 2024  9:12:03 PM',
        '+15551234567',
        'we fly to lisbon tomorrow for the conference',
        '',
        'Mar 15, 2024  8:00:00 AM',
        'Me',
        'i finally finished my thesis yesterday',
      ].join('\n'),
    );
    const flight = memories.find((memory) => /lisbon/i.test(String(memory.content)));
    assert.match(String(flight?.content), /^\+15551234567/);
    assert.equal(String(flight?.event_date).slice(0, 10), '2024-03-15');
    const thesis = memories.find((memory) => /thesis/.test(String(memory.content)));
    assert.match(String(thesis?.content), /^Me finally finished/);
    assert.equal(String(thesis?.event_date).slice(0, 10), '2024-03-14');
  });
});
