import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExtractedMemory, ParsedDocument } from '../../../src/domain/memory.js';
import { extractMemories, RuleBasedExtractor } from '../../../src/extraction/index.js';
import { parseDocument } from '../../../src/parsing/index.js';
import { CHAT, CREATED_AT, FILLER_LINES, INFORMATIVE_LINES } from '../../fixtures/documents.js';

const document = parseDocument({ text: CHAT, documentType: 'ai-chat-conversation', createdAt: CREATED_AT });
const memories = extractMemories(document, { mode: 'long-range' });

function citing(line: string): ExtractedMemory[] {
  return memories.filter((memory) => memory.sourceEvidence.includes(line));
}

function find(type: ExtractedMemory['type'], content: RegExp): ExtractedMemory {
  const memory = memories.find((candidate) => candidate.type === type && content.test(candidate.content));
  assert.ok(memory, `no ${type} memory matching ${content}`);
  return memory;
}

describe('RuleBasedExtractor', () => {
  it('implements the MemoryExtractor port as "rules"', async () => {
    const extractor = new RuleBasedExtractor();
    assert.equal(extractor.name, 'rules');
    assert.deepEqual(await extractor.extract({ document, mode: 'long-range' }), memories);
  });

  it('cites every informative line, verbatim, and nothing else', () => {
    for (const line of INFORMATIVE_LINES) assert.ok(citing(line).length > 0, `uncited: ${line}`);
    const lines = new Set(document.segments.map((segment) => segment.sourceLine));
    for (const memory of memories) {
      assert.equal(memory.sourceEvidence.length, 1);
      assert.ok(lines.has(memory.sourceEvidence[0] ?? ''), memory.sourceEvidence[0]);
      const segment = document.segments[memory.segmentIndexes[0] ?? -1];
      assert.equal(segment?.sourceLine, memory.sourceEvidence[0]);
    }
  });

  it('skips greetings, reactions and filler', () => {
    for (const line of FILLER_LINES) assert.deepEqual(citing(line), [], line);
  });

  it('writes standalone third-person content with dates resolved', () => {
    const episode = find('episode', /pottery workshop/);
    assert.match(
      episode.content,
      /^Priya went to a pottery workshop on 14 May 2024 and Priya was so proud of their first bowl\./,
    );
    assert.equal(episode.eventDate, '2024-05-14T00:00:00.000Z');
    assert.equal(episode.occurredAt, episode.eventDate);
    assert.equal(episode.temporalCategory, 'episode');
    assert.ok((episode.significance ?? 0) > 0.5);
    assert.deepEqual(episode.participants, ['Priya']);
    assert.equal(episode.subject, 'Priya');
    assert.ok(episode.confidence >= 0.85);
  });

  it('keeps image captions in the content', () => {
    assert.match(find('episode', /pottery/).content, /\[shares a photo: a photo of a blue ceramic bowl\]$/);
  });

  it('keeps alt-text captions ("[image: …]") as a note after the statements, not inside a sentence', () => {
    const document = parseDocument({
      text: 'maya: finally finished the quilt [image: a blue and white patchwork quilt]. it took 3 months!\nsam_k: wow',
      documentType: 'ai-chat-conversation',
      createdAt: '2024-05-08T10:00:00.000Z',
    });
    const [memory] = extractMemories(document, { mode: 'long-range' });
    assert.match(memory?.content ?? '', /3 months! \[image: a blue and white patchwork quilt\]$/);
  });

  it('classifies preferences with category and cue strength', () => {
    const favourite = find('preference', /favorite food/);
    assert.equal(favourite.content, "Priya's favorite food is pastel de nata.");
    assert.equal(favourite.category, 'food');
    assert.equal(favourite.strength, 0.9);
    assert.equal(favourite.attribute, 'favourite_food');
    assert.equal(favourite.value, 'pastel de nata');
    const sardines = find('preference', /sardines/);
    assert.equal(sardines.content, 'Priya kind of likes sardines too.');
    assert.equal(sardines.strength, 0.4);
    const hate = find('preference', /hates waiting/);
    assert.equal(hate.subject, 'Daniel');
    assert.equal(hate.strength, 0.9);
  });

  it('classifies emotions with type, intensity and what triggered them', () => {
    const proud = find('emotion', /proud/);
    assert.equal(proud.emotionType, 'proud');
    assert.ok((proud.intensity ?? 0) > 0.7);
    assert.equal(proud.emotionContext, 'of their first bowl');
    const frustrated = find('emotion', /frustrated/);
    assert.equal(frustrated.emotionType, 'frustrated');
    assert.equal(frustrated.subject, 'Daniel');
    assert.equal(frustrated.emotionContext, 'Daniel hates waiting in long lines');
  });

  it('makes dated plans temporal events', () => {
    const visit = find('temporal_event', /visit Lisbon/);
    assert.equal(visit.content, 'Daniel thinks he might visit Lisbon in June 2024.');
    assert.equal(visit.eventDate, '2024-06-01T00:00:00.000Z');
    assert.equal(visit.temporalCategory, 'temporal_fact');
    assert.ok(visit.confidence < 0.7, 'hedged statements are less certain');
    const party = memories.find(
      (memory) => /Mia turns 6/.test(memory.content) && memory.eventDate !== undefined,
    );
    assert.equal(party?.eventDate?.slice(0, 10), '2024-05-17');
  });

  it('gives contradiction-prone facts an attribute and value about the speaker', () => {
    const lives = memories.find((memory) => memory.attribute === 'lives_in');
    assert.equal(lives?.type, 'fact');
    assert.equal(lives?.subject, 'Priya');
    assert.equal(lives?.value, 'Lisbon');
    const child = memories.find((memory) => memory.attribute === 'has_child');
    assert.equal(child?.subject, 'Daniel');
    assert.equal(child?.value, 'daughter Mia');
  });

  it('reads facts off questions with low confidence', () => {
    const job = find('fact', /new job at Spotify/);
    assert.equal(job.content, 'Priya has a new job at Spotify');
    assert.equal(job.subject, 'Priya');
    assert.equal(job.confidence, 0.5);
  });

  it('finds entities and relations in long-range mode', () => {
    const episode = find('episode', /pottery workshop/);
    assert.deepEqual(episode.entities, [
      { name: 'Priya', type: 'person' },
      { name: 'pottery workshop', type: 'event' },
      { name: '14 May 2024', type: 'date' },
    ]);
    assert.deepEqual(episode.relations, [
      { subject: 'Priya', relation: 'attended', object: 'pottery workshop' },
    ]);
    const lives = memories.find((memory) => memory.attribute === 'lives_in');
    assert.deepEqual(
      lives?.entities.find((entity) => entity.name === 'Lisbon'),
      { name: 'Lisbon', type: 'place' },
    );
    const child = memories.find((memory) => memory.attribute === 'has_child');
    assert.ok(
      child?.relations.some(
        (relation) => relation.relation === 'has_child' && relation.object === 'daughter Mia',
      ),
    );
  });

  it('skips relations and entity detail in fast mode but keeps the memories', () => {
    const fast = extractMemories(document, { mode: 'fast' });
    assert.deepEqual(
      fast.map((memory) => [memory.type, memory.content]),
      memories.map((memory) => [memory.type, memory.content]),
    );
    assert.ok(fast.every((memory) => memory.relations.length === 0));
    assert.ok(fast.every((memory) => memory.entities.every((entity) => entity.type === 'person')));
  });

  it('gives nothing for an empty document and honours an aborted signal', () => {
    const empty: ParsedDocument = { ...document, segments: [] };
    assert.deepEqual(extractMemories(empty, { mode: 'long-range' }), []);
    const controller = new AbortController();
    controller.abort();
    assert.throws(() => extractMemories(document, { mode: 'fast', abortSignal: controller.signal }));
  });

  it('does not fail on odd text', () => {
    const odd = parseDocument({
      text:
        'X: ???\nY: 💥💥 [shares a photo: ]\nX: I I I my my\nY: 12/34/5678 at 99:99\nX: ' + 'a'.repeat(5000),
      documentType: 'ai-chat-conversation',
      createdAt: CREATED_AT,
    });
    const failures: number[] = [];
    extractMemories(odd, { mode: 'long-range', onSegmentError: (index) => failures.push(index) });
    assert.deepEqual(failures, []);
  });
});
