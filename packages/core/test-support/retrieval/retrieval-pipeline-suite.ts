import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MEMORY_LIST_KEYS, type MemoryItem } from '@engram/protocol';
import type { ChatModel } from '../../src/index.js';
import { PSEUDO_RELEVANCE_FEEDBACK } from '../../src/retrieval/index.js';
import type { RankedLists } from '../../src/retrieval/memory-retrieval.js';
import type { FreshStoreFactory } from './retrieval-fixtures.js';
import { openFixture, ownerOf, requestOf, targetOf } from './retrieval-fixtures.js';

const user = ownerOf('user', { customerId: 'u1', userId: 'u1' });
const target = targetOf('user', { userId: 'u1', customerId: 'u1' });

/** Every item of every list, best relevance first (how the LoCoMo scorer reads a response). */
const merged = (lists: RankedLists): MemoryItem[] =>
  Object.values(lists)
    .flat()
    .sort((left, right) => right.relevance_score - left.relevance_score);
const rankOf = (lists: RankedLists, content: string) =>
  merged(lists).findIndex((item) => item.content === content);

/**
 * MemoryRetrievalPipeline over a real store: ranking and shaping, question
 * features, session and person priors, pseudo-relevance feedback. `freshStore`
 * opens each fixture's empty store; `label` names the store in the titles.
 */
export function retrievalPipelineSuite(label: string, freshStore: FreshStoreFactory): void {
  describe(`MemoryRetrievalPipeline ranking and shaping (${label})`, () => {
    let fixture: Awaited<ReturnType<typeof openFixture>>;
    let current: string;

    before(async () => {
      fixture = await openFixture(freshStore);
      const { seeder } = fixture;
      await seeder.add(
        user,
        [
          {
            content: 'Dana adopted a beagle named Biscuit',
            subject: 'Dana',
            entities: [
              ['Dana', 'person'],
              ['Biscuit', 'thing'],
            ],
          },
          {
            content: 'Dana enjoys pottery classes on weekends',
            type: 'preference',
            subject: 'Dana',
            details: { category: 'hobby', strength: 0.9 },
          },
          {
            content: 'Dana felt nervous before the pottery exhibition',
            type: 'emotion',
            subject: 'Dana',
            details: { emotionType: 'anxiety', intensity: 0.7 },
          },
          {
            content: 'Dana hiked the Pacific Crest Trail with friends',
            type: 'episode',
            subject: 'Dana',
            eventDate: '2024-07-10T00:00:00.000Z',
            details: { participants: ['Dana', 'Eli'] },
          },
          {
            content: 'Dana ran the city marathon',
            type: 'temporal_event',
            subject: 'Dana',
            eventDate: '2024-10-06T00:00:00.000Z',
          },
          { content: 'Dana plans a marathon someday', type: 'temporal_event', subject: 'Dana' },
        ],
        '2024-10-08T10:00:00.000Z',
      );
      const [old] = await seeder.add(
        user,
        [{ content: 'Dana lives in Boston', subject: 'Dana', validUntil: '2025-03-01T00:00:00.000Z' }],
        '2024-01-10T10:00:00.000Z',
      );
      const [fresh] = await seeder.add(
        user,
        [{ content: 'Dana lives in Denver now', subject: 'Dana' }],
        '2025-03-01T10:00:00.000Z',
      );
      current = fresh?.memoryId as string;
      await seeder.add(
        user,
        [{ content: 'Dana lived in Boston near the harbor', subject: 'Dana', supersededBy: current }],
        '2023-05-01T10:00:00.000Z',
      );
      assert.ok(old);
    });
    after(() => fixture.dispose());

    const fetch = (body: Record<string, unknown>) =>
      fixture.pipeline.retrieve(target, requestOf({ max_results: 50, ...body }));

    it('returns every type in its list with relevance in 0..1, best first, and spec fields', async () => {
      for (const mode of ['fast', 'accurate']) {
        const lists = await fetch({ search_query: ['Dana pottery marathon beagle trail Boston'], mode });
        for (const key of MEMORY_LIST_KEYS) {
          const scores = lists[key].map((item) => item.relevance_score);
          assert.deepEqual(
            scores,
            [...scores].sort((left, right) => right - left),
            `${key} is best first`,
          );
          for (const item of lists[key]) {
            assert.ok(item.relevance_score >= 0 && item.relevance_score <= 1);
            for (const field of ['id', 'content', 'source', 'metadata', 'extracted_at'])
              assert.notEqual(item[field], null);
          }
        }
        assert.equal(lists.preferences[0]?.category, 'hobby');
        assert.equal(lists.preferences[0]?.strength, 0.9);
        assert.equal(lists.emotions[0]?.emotion_type, 'anxiety');
        assert.equal(lists.emotions[0]?.context, 'Dana felt nervous before the pottery exhibition');
        assert.deepEqual(lists.episodes[0]?.participants, ['Dana', 'Eli']);
        assert.equal(lists.episodes[0]?.occurred_at, '2024-07-10T00:00:00.000Z');
      }
    });

    it('temporal events always carry event_date; one without a date is a fact', async () => {
      const lists = await fetch({ search_query: ['marathon'] });
      assert.deepEqual(
        lists.temporal_events.map((item) => item.content),
        ['Dana ran the city marathon'],
      );
      assert.ok(lists.temporal_events.every((item) => typeof item.event_date === 'string'));
      assert.ok(lists.facts.some((item) => item.content === 'Dana plans a marathon someday'));
    });

    it('types filter accepts both temporal spellings and singular forms', async () => {
      for (const types of [['temporal'], ['temporal_events'], ['temporal_event']]) {
        const lists = await fetch({ search_query: ['Dana marathon pottery'], types });
        assert.deepEqual(
          lists.temporal_events.map((item) => item.content),
          ['Dana ran the city marathon'],
        );
        for (const key of MEMORY_LIST_KEYS) if (key !== 'temporal_events') assert.equal(lists[key].length, 0);
      }
      const facts = await fetch({ search_query: ['Dana marathon pottery'], types: ['fact', 'preferences'] });
      assert.equal(facts.temporal_events.length + facts.emotions.length + facts.episodes.length, 0);
      assert.ok(facts.preferences.length === 1 && facts.facts.length > 0);
    });

    it('max_results caps all lists together, keeping the best', async () => {
      const all = merged(await fetch({ search_query: ['Dana'] }));
      const capped = merged(await fetch({ search_query: ['Dana'], max_results: 3 }));
      assert.equal(capped.length, 3);
      assert.deepEqual(
        capped.map((item) => item.id),
        all.slice(0, 3).map((item) => item.id),
      );
    });

    it('without a query returns the most recent memories, outdated ones lowered', async () => {
      const lists = await fetch({ search_query: null, max_results: 2 });
      const items = merged(lists);
      assert.equal(items.length, 2);
      assert.equal(items[0]?.content, 'Dana lives in Denver now');
      const typed = await fetch({ search_query: [], types: ['emotions'] });
      assert.deepEqual(
        merged(typed).map((item) => item.memory_type),
        ['emotion'],
      );
    });

    it('ranks superseded and expired memories below the current one, without dropping them', async () => {
      for (const mode of ['fast', 'accurate']) {
        const lists = await fetch({ search_query: ['Where does Dana live?'], mode });
        const now = rankOf(lists, 'Dana lives in Denver now');
        assert.ok(now >= 0);
        assert.ok(rankOf(lists, 'Dana lived in Boston near the harbor') > now, mode);
        assert.ok(rankOf(lists, 'Dana lives in Boston') > now, mode);
      }
    });

    it('merges several queries: each finds its own memory, duplicates appear once', async () => {
      const lists = await fetch({ search_query: ['beagle Biscuit', 'pottery classes', 'beagle'] });
      const items = merged(lists);
      assert.ok(items.some((item) => item.content === 'Dana adopted a beagle named Biscuit'));
      assert.ok(items.some((item) => item.content === 'Dana enjoys pottery classes on weekends'));
      assert.equal(new Set(items.map((item) => item.id)).size, items.length);
    });
  });

  describe(`MemoryRetrievalPipeline question features (${label})`, () => {
    let fixture: Awaited<ReturnType<typeof openFixture>>;

    before(async () => {
      fixture = await openFixture(freshStore);
      const { seeder } = fixture;
      await seeder.add(user, [
        // Without the date features the shorter, undated memory would win on BM25.
        { content: 'Maya went to the climbing gym', subject: 'Maya' },
        {
          content: 'Maya went to the climbing gym again with her brother',
          subject: 'Maya',
          eventDate: '2025-05-03T00:00:00.000Z',
        },
        { content: 'Noah went to the climbing gym too', subject: 'Noah' },
      ]);
      // A two-hop chain: the question names Maya and "employer"; only the graph links Maya → Vireo → Lisbon.
      await seeder.add(user, [
        {
          content: 'Maya works at Vireo as a designer',
          subject: 'Maya',
          entities: [
            ['Maya', 'person'],
            ['Vireo', 'organization'],
          ],
          relations: [['Maya', 'works_at', 'Vireo']],
        },
        {
          content: 'Vireo opened its headquarters in Lisbon',
          subject: 'Vireo',
          entities: [
            ['Vireo', 'organization'],
            ['Lisbon', 'place'],
          ],
          relations: [['Vireo', 'located_in', 'Lisbon']],
        },
        { content: 'Lisbon hosts a tiled azulejo museum', entities: [['Lisbon', 'place']] },
        { content: 'Quarterly budget review moved to Friday' },
      ]);
    });
    after(() => fixture.dispose());

    const fetch = (body: Record<string, unknown>) =>
      fixture.pipeline.retrieve(target, requestOf({ max_results: 10, ...body }));

    it('"when" questions put dated memories first', async () => {
      const lists = await fetch({ search_query: ['When did Maya go to the climbing gym?'] });
      assert.equal(merged(lists)[0]?.content, 'Maya went to the climbing gym again with her brother');
      const plain = await fetch({ search_query: ['Did Maya go to the climbing gym?'] });
      assert.equal(merged(plain)[0]?.content, 'Maya went to the climbing gym');
    });

    it('boosts memories about the person the question names', async () => {
      const lists = await fetch({ search_query: ['Who went to the climbing gym, Noah?'] });
      assert.equal(merged(lists)[0]?.content, 'Noah went to the climbing gym too');
    });

    it('a query naming a month boosts memories dated in it', async () => {
      const lists = await fetch({ search_query: ['climbing gym in May 2025'] });
      assert.equal(merged(lists)[0]?.content, 'Maya went to the climbing gym again with her brother');
    });

    it('accurate graph expansion reaches a two-hop memory, above unrelated ones', async () => {
      const query = ["Which city is Maya's employer based in?"];
      const accurate = merged(await fetch({ search_query: query, mode: 'accurate' }));
      const hop = accurate.findIndex((item) => item.content === 'Vireo opened its headquarters in Lisbon');
      assert.ok(hop >= 0, 'the two-hop memory is found');
      const unrelated = accurate.findIndex(
        (item) => item.content === 'Quarterly budget review moved to Friday',
      );
      assert.ok(unrelated === -1 || unrelated > hop);
      assert.ok((accurate[hop]?.relevance_score ?? 0) > 0);
      const fast = merged(await fetch({ search_query: query, mode: 'fast' }));
      assert.ok(
        !fast.some((item) => item.content === 'Vireo opened its headquarters in Lisbon'),
        'fast has no hops',
      );
    });

    it('accurate mode uses an injected chat model to decompose, and survives its failure', async () => {
      const calls: string[] = [];
      const model = (reply: () => string): ChatModel => ({
        provider: 'test',
        modelId: 'scripted',
        async doGenerate(options) {
          calls.push(options.messages.at(-1)?.content ?? '');
          return { text: reply(), usage: undefined };
        },
      });
      const withModel = await openFixture(freshStore, {
        chatModel: model(() => '{"queries":["Vireo headquarters city"]}'),
      });
      const failing = await openFixture(freshStore, {
        chatModel: model(() => {
          throw new Error('offline');
        }),
      });
      try {
        await withModel.seeder.add(user, [
          { content: 'Vireo opened its headquarters in Lisbon', subject: 'Vireo' },
          { content: 'Maya works at Vireo as a designer', subject: 'Maya' },
        ]);
        await failing.seeder.add(user, [{ content: 'Maya works at Vireo as a designer', subject: 'Maya' }]);
        const request = requestOf({ search_query: ["Where is Maya's company?"], mode: 'accurate' });
        const lists = await withModel.pipeline.retrieve(target, request);
        assert.ok(merged(lists).some((item) => item.content === 'Vireo opened its headquarters in Lisbon'));
        assert.ok(calls.includes("Where is Maya's company?"));
        const fallback = await failing.pipeline.retrieve(target, request);
        assert.ok(merged(fallback).some((item) => item.content === 'Maya works at Vireo as a designer'));
        const fast = await withModel.pipeline.retrieve(
          target,
          requestOf({ search_query: ['Maya'], mode: 'fast' }),
        );
        assert.ok(merged(fast).length > 0);
        assert.equal(calls.length, 2, 'fast mode never calls the model');
      } finally {
        await withModel.dispose();
        await failing.dispose();
      }
    });
  });

  describe(`MemoryRetrievalPipeline session and person priors (${label})`, () => {
    it('a weak match from the session that matches best outranks an equally weak stray match', async () => {
      const fixture = await openFixture(freshStore);
      try {
        await fixture.seeder.add(
          user,
          [
            { content: 'Eli planted tomatoes and basil in the community garden', subject: 'Eli' },
            { content: 'Eli waters the garden tomatoes every morning before work', subject: 'Eli' },
            { content: 'Eli says the tomatoes finally turned deep red', subject: 'Eli' },
          ],
          '2025-07-01T10:00:00.000Z',
        );
        await fixture.seeder.add(
          user,
          [{ content: 'Eli picked up tomatoes at the corner shop', subject: 'Eli' }],
          '2025-07-02T10:00:00.000Z',
        );
        for (const mode of ['fast', 'accurate']) {
          const lists = await fixture.pipeline.retrieve(
            target,
            requestOf({
              search_query: ['How are the garden tomatoes Eli planted doing?'],
              max_results: 10,
              mode,
            }),
          );
          const weak = rankOf(lists, 'Eli says the tomatoes finally turned deep red');
          const stray = rankOf(lists, 'Eli picked up tomatoes at the corner shop');
          assert.ok(weak >= 0 && stray >= 0 && weak < stray, `${mode}: ${weak} < ${stray}`);
        }
      } finally {
        await fixture.dispose();
      }
    });

    it('memories about the person a question names outrank better worded ones about someone else', async () => {
      const fixture = await openFixture(freshStore);
      try {
        await fixture.seeder.add(user, [
          { content: 'Priya started learning the violin this spring', subject: 'Priya' },
          // Shares more of the question's words, but is about Tom.
          { content: 'Tom told Priya he is learning a new instrument', subject: 'Tom' },
        ]);
        const lists = await fixture.pipeline.retrieve(
          target,
          requestOf({ search_query: ['What instrument is Priya learning?'], mode: 'fast' }),
        );
        assert.ok(
          rankOf(lists, 'Priya started learning the violin this spring') <
            rankOf(lists, 'Tom told Priya he is learning a new instrument'),
        );
      } finally {
        await fixture.dispose();
      }
    });
  });

  describe(`MemoryRetrievalPipeline pseudo-relevance feedback (${label})`, () => {
    it('accurate lifts a memory that shares words with the best match but not with the question', async () => {
      const fixture = await openFixture(freshStore);
      try {
        await fixture.seeder.add(user, [
          { content: 'Ravi spends weekends on philately, sorting rare stamps', subject: 'Ravi' },
          // Only "Ravi" in common with the question, and longer than the chores below.
          { content: 'Ravi bought a philately album of rare stamps at the fair', subject: 'Ravi' },
          ...['fixed the sink', 'called his sister', 'paid the rent', 'missed the bus', 'baked bread'].map(
            (chore) => ({ content: `Ravi ${chore}`, subject: 'Ravi' }),
          ),
        ]);
        // Precision "medium" skips the learned re-ranker, so only feedback differs between the runs.
        const rank = async (mode: string) =>
          rankOf(
            await fixture.pipeline.retrieve(
              target,
              requestOf({
                search_query: ['What does Ravi do on weekends?'],
                max_results: 10,
                mode,
                precision_level: 'medium',
              }),
            ),
            'Ravi bought a philately album of rare stamps at the fair',
          );
        const fast = await rank('fast');
        const accurate = await rank('accurate');
        const documents = PSEUDO_RELEVANCE_FEEDBACK.documents;
        PSEUDO_RELEVANCE_FEEDBACK.documents = 0;
        const withoutFeedback = await rank('accurate').finally(() => {
          PSEUDO_RELEVANCE_FEEDBACK.documents = documents;
        });
        assert.ok(fast >= 5 && withoutFeedback >= 5, `below the chores (${fast}, ${withoutFeedback})`);
        assert.ok(accurate >= 1 && accurate <= 3, `feedback lifts it above most chores (${accurate})`);
      } finally {
        await fixture.dispose();
      }
    });
  });
}
