// Scratch: dumps per-question candidate features for offline analysis.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { memoryTermSet } from '../../packages/core/src/retrieval/cross-feature-rerank.js';
import {
  analyzeQuery,
  fuseScores,
  searchQuery,
  signalListsOf,
  stemTerm,
  timeMatches,
  wordTokens,
} from '../../packages/core/src/retrieval/index.js';
import { priorContextOf } from '../../packages/core/src/retrieval/query-scoring.js';
import { STOP_WORDS } from '../../packages/core/src/retrieval/stop-words.js';
import { normalizeEntityName } from '../../packages/core/src/ingestion-pipeline/text-normalization.js';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { isScorable, TurnIndex } from '../locomo/scoring.js';
import { userScopeKey } from './evaluation-samples.js';

const { values: options } = parseArgs({
  options: {
    'cache-dir': { type: 'string', default: '/tmp/ir-eval' },
    out: { type: 'string', default: '/tmp/ir-features.jsonl' },
    pool: { type: 'string', default: '150' },
  },
});
const samples = await loadLocomo(DEFAULT_LOCOMO_PATH);
const embedder = await createGloveEmbedder({ cacheDir: '/tmp/engram-glove-cache' });
const lines: string[] = [];
const wordVectors = new Map<string, Float32Array>();
async function vectorsOf(words: readonly string[]): Promise<void> {
  const missing = [...new Set(words)].filter((word) => !wordVectors.has(word));
  for (let start = 0; start < missing.length; start += 512) {
    const batch = missing.slice(start, start + 512);
    const { embeddings } = await embedder.doEmbed({ values: batch });
    batch.forEach((word, index) => wordVectors.set(word, embeddings[index] as Float32Array));
  }
}
function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
function isZeroVector(vector: Float32Array | undefined): boolean {
  if (vector === undefined) return true;
  for (const value of vector) if (value !== 0) return false;
  return true;
}
const pool = Number(options.pool);
const limits = { text: pool, vector: pool, entity: 100, entities: 8 };

for (const [position, sample] of samples.entries()) {
  const store = SqliteEngramStore.open(join(options['cache-dir'] as string, `${sample.sampleId}.db`));
  const deps = { memories: store.memories, vectors: store.vectors, text: store.text, graph: store.graph };
  const scopeKeys = [userScopeKey(sample.sampleId)];
  const index = new TurnIndex(sample.turns);
  const all = await store.memories.listRecent(scopeKeys, 100_000);
  const byId = new Map(all.map((memory) => [memory.memoryId, memory]));
  const links = await store.graph.entitiesOfMemories(all.map((memory) => memory.memoryId));
  const now = Date.now();
  for (const question of sample.questions.filter(isScorable)) {
    if (question.category === 5) continue;
    const analysis = analyzeQuery(question.question, new Date(now));
    const {
      embeddings: [embedding],
    } = await embedder.doEmbed({ values: [question.question] });
    const hits = await searchQuery(deps, scopeKeys, analysis, embedding, limits);
    const fused = fuseScores(signalListsOf(hits)).slice(0, pool);
    const context = priorContextOf(analysis, hits.entities, now);
    const rawText = new Map(hits.text.map((hit) => [hit.memoryId, hit.score]));
    const rawVector = new Map(hits.vector.map((hit) => [hit.memoryId, hit.score]));
    const perDocument = new Map<string, number[]>();
    for (const entry of fused) {
      const documentId = byId.get(entry.memoryId)?.sourceDocumentId ?? '';
      perDocument.set(documentId, [...(perDocument.get(documentId) ?? []), entry.score]);
    }
    const strength = new Map(
      [...perDocument].map(([documentId, scores]) => [
        documentId,
        scores.sort((left, right) => right - left).slice(0, 3).reduce((sum, score) => sum + score, 0),
      ]),
    );
    const strongest = Math.max(0, ...strength.values());
    const sessions = new Map(
      fused.map((entry) => [
        entry.memoryId,
        (strength.get(byId.get(entry.memoryId)?.sourceDocumentId ?? '') ?? 0) / (strongest || 1),
      ]),
    );
    const terms = [...new Set(analysis.terms.map(stemTerm))];
    const nameSet = new Set(analysis.names);
    const rawTerms = analysis.terms.filter((term) => !nameSet.has(term));
    const memoryWords = new Map<string, string[]>();
    for (const entry of fused) {
      const memory = byId.get(entry.memoryId);
      if (memory === undefined) continue;
      const words = [...new Set(wordTokens([memory.content, ...memory.sourceEvidence].join(' ')))].filter(
        (word) => !STOP_WORDS.has(word) && word.length > 1,
      );
      memoryWords.set(entry.memoryId, words);
    }
    await vectorsOf([...rawTerms, ...[...memoryWords.values()].flat()]);
    const candidates = fused.map((entry) => {
      const memory = byId.get(entry.memoryId);
      if (memory === undefined) return undefined;
      const memoryLinks = links.get(entry.memoryId) ?? [];
      const termSet = memoryTermSet({ memory, links: memoryLinks, score: 0 });
      const evidenceTerms = new Set<string>();
      for (const token of wordTokens(memory.sourceEvidence.join(' ')))
        if (!STOP_WORDS.has(token)) evidenceTerms.add(stemTerm(token));
      const eventTime = memory.eventDate === undefined ? Number.NaN : Date.parse(memory.eventDate);
      const said = Date.parse(memory.sourceDocumentCreatedAt);
      const subject = memory.subject === undefined ? '' : normalizeEntityName(memory.subject);
      return {
        id: entry.memoryId,
        turns: memory.sourceEvidence.map((line) => index.turnFor(line)).filter((turn) => turn !== undefined),
        doc: memory.sourceDocumentId,
        type: memory.type,
        fused: entry.score,
        text: entry.signals.text ?? 0,
        vector: entry.signals.vector ?? 0,
        entity: entry.signals.entity ?? 0,
        rawText: rawText.get(entry.memoryId) ?? 0,
        rawVector: rawVector.get(entry.memoryId) ?? 0,
        session: sessions.get(entry.memoryId) ?? 0,
        subjectName: subject,
        subject: subject !== '' && context.names.has(subject.split(' ')[0] ?? '') ? 1 : 0,
        mention: memoryLinks.some((link) => context.entityIds.has(link.entityId)) ? 1 : 0,
        explicitDate: Number.isFinite(eventTime) && Math.floor(eventTime / 864e5) !== Math.floor(said / 864e5) ? 1 : 0,
        hasDate: Number.isFinite(eventTime) ? 1 : 0,
        timeEvent: context.times.some((time) => timeMatches(time, eventTime)) ? 1 : 0,
        timeDoc: context.times.some((time) => timeMatches(time, said)) ? 1 : 0,
        coverage: terms.length === 0 ? 0 : terms.filter((term) => termSet.has(term)).length / terms.length,
        evidenceCoverage:
          terms.length === 0 ? 0 : terms.filter((term) => evidenceTerms.has(term)).length / terms.length,
        evidenceWords: wordTokens(memory.sourceEvidence.join(' ')).length,
        contentWords: wordTokens(memory.content).length,
        confidence: memory.confidence,
        termHits: terms.filter((term) => termSet.has(term)),
        soft: rawTerms.map((term) => {
          const query = wordVectors.get(term);
          if (query === undefined || isZeroVector(query)) return -1;
          let best = 0;
          for (const word of memoryWords.get(entry.memoryId) ?? []) {
            const vector = wordVectors.get(word);
            if (vector !== undefined) best = Math.max(best, dot(query, vector));
          }
          return Math.round(best * 1000) / 1000;
        }),
        capitals: (memory.sourceEvidence.join(' ').match(/(?<!^|[.!?]\s)\b\p{Lu}\p{L}+/gu) ?? []).length,
        asks: /\?/u.test(memory.sourceEvidence.join(' ')) ? 1 : 0,
        endsAsk: /\?\s*(?:\[shares a photo:[^\]]*\])?\s*$/u.test(memory.sourceEvidence[0] ?? '') ? 1 : 0,
        contentAsks: /\?/u.test(memory.content) ? 1 : 0,
        digits: /\d/u.test(memory.sourceEvidence.join(' ')) ? 1 : 0,
      };
    });
    lines.push(
      JSON.stringify({
        sample: position,
        category: question.category,
        question: question.question,
        evidence: question.evidence,
        asksWhen: analysis.asksWhen,
        times: analysis.times.length,
        names: analysis.names,
        terms,
        rawTerms,
        candidates: candidates.filter((candidate) => candidate !== undefined),
      }),
    );
  }
  await store.close();
}
writeFileSync(options.out as string, `${lines.join('\n')}\n`);
