// The LangChain.js integration against a real Engram server, with
// @langchain/core's own FakeListChatModel (no network, no provider).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EngramClient } from '@engram/sdk';
import { startTestServer, type TestServer } from '@engram/server/test-support';
import type { Document } from '@langchain/core/documents';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';
import { RunnableLambda, RunnableSequence, RunnableWithMessageHistory } from '@langchain/core/runnables';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { EngramChatMessageHistory, EngramRetriever } from '../src/index.js';

/** What RunnableWithMessageHistory hands the chain: the question and the history it loaded. */
interface ChainInput {
  question: string;
  history?: unknown;
}

describe('@engram/langchain against a real server', () => {
  let server: TestServer;
  let client: EngramClient;
  let otherTenant: EngramClient;

  before(async () => {
    server = await startTestServer();
    client = new EngramClient({ apiKey: (await server.createInstance('b2c')).apiKey, baseUrl: server.url });
    otherTenant = new EngramClient({
      apiKey: (await server.createInstance('b2c')).apiKey,
      baseUrl: server.url,
    });
    const queued = await client.memories.create({
      document: 'User: I take my coffee black, no sugar.\nAssistant: Noted.',
      user_id: 'alice',
    });
    const done = await client.memories.waitForCompletion(queued.ingestion_id, { pollIntervalSeconds: 0.1 });
    assert.equal(done.status, 'completed');
  });
  after(() => server.dispose());

  it('retrieves memories as Documents, only for the named user and tenant', async () => {
    const documents = await new EngramRetriever({ client, userId: 'alice' }).invoke(
      'how does she take coffee',
    );
    assert.ok(documents.some((document) => /coffee black/i.test(document.pageContent)));
    const first = documents[0] as Document;
    assert.equal(first.metadata.scope, 'user');
    assert.equal(first.id, first.metadata.id);
    assert.equal(typeof first.metadata.relevance_score, 'number');

    assert.deepEqual(await new EngramRetriever({ client, userId: 'bob' }).invoke('coffee'), []);
    assert.deepEqual(
      await new EngramRetriever({ client: otherTenant, userId: 'alice' }).invoke('coffee'),
      [],
    );
  });

  it('keeps a chain’s history in an Engram conversation through RunnableWithMessageHistory', async () => {
    const conversationId = randomUUID();
    const retriever = new EngramRetriever({ client, userId: 'alice' });
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'Known about the user:\n{memories}'],
      new MessagesPlaceholder('history'),
      ['human', '{question}'],
    ]);
    const prompts: string[] = [];
    const capture = RunnableLambda.from((value: { toString(): string }) => {
      prompts.push(value.toString());
      return value;
    });
    const model = new FakeListChatModel({ responses: ['Black, no sugar.', 'You are welcome.'] });
    const chain = RunnableSequence.from([
      {
        memories: async (input: ChainInput) =>
          (await retriever.invoke(input.question)).map((document) => document.pageContent).join('\n'),
        history: (input: ChainInput) => input.history,
        question: (input: ChainInput) => input.question,
      },
      prompt,
      capture,
      model,
    ]);
    const withHistory = new RunnableWithMessageHistory({
      runnable: chain,
      getMessageHistory: (sessionId: string) =>
        new EngramChatMessageHistory({ client, conversationId: sessionId, userId: 'alice' }),
      inputMessagesKey: 'question',
      historyMessagesKey: 'history',
    });
    const config = { configurable: { sessionId: conversationId } };

    const answer = await withHistory.invoke({ question: 'How do I take my coffee?' }, config);
    assert.equal(answer.content, 'Black, no sugar.');
    assert.match(prompts[0] ?? '', /coffee black/i);

    await withHistory.invoke({ question: 'Thanks!' }, config);
    assert.match(prompts[1] ?? '', /How do I take my coffee\?[\s\S]*Black, no sugar\.[\s\S]*Thanks!/);

    const history = new EngramChatMessageHistory({ client, conversationId });
    const messages = await history.getMessages();
    assert.deepEqual(
      messages.map((message) => [message.type, message.text]),
      [
        ['human', 'How do I take my coffee?'],
        ['ai', 'Black, no sugar.'],
        ['human', 'Thanks!'],
        ['ai', 'You are welcome.'],
      ],
    );
  });

  it('records single messages, and refuses system messages and clear() with clear errors', async () => {
    const history = new EngramChatMessageHistory({ client, conversationId: randomUUID(), userId: 'alice' });
    await history.addUserMessage('One line.');
    await history.addMessage(new HumanMessage('Two lines.'));
    assert.deepEqual(
      (await history.getMessages()).map((message) => message.text),
      ['One line.', 'Two lines.'],
    );
    await assert.rejects(
      history.addMessage(new SystemMessage('be brief')),
      /human and ai messages only, not system/,
    );
    await assert.rejects(history.clear(), /cannot clear/);
  });
});
