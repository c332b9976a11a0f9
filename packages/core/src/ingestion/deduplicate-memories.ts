import type { MemoryMerge, MemoryStore } from '../ports/memory-store.js';
import { dedupKeyOf, wordTokens } from '../text/text-normalization.js';
import type { MemoryCandidate } from './memory-candidates.js';

/**
 * Word-set overlap at which two memories of one document state the same
 * thing. High on purpose: "Caroline likes dogs" and "Caroline likes cats"
 * overlap 0.5 and must stay two memories.
 */
export const DUPLICATE_JACCARD = 0.8;

/** The outcome of de-duplication. */
export interface Deduplication {
  /** Candidates to insert as new memories. */
  fresh: MemoryCandidate[];
  /** Folds into existing memories (no new rows). */
  merges: MemoryMerge[];
  /** Memory id each merged candidate now lives under. */
  mergedInto: Map<MemoryCandidate, string>;
}

/**
 * Folds near-duplicates. Within the document, same-type candidates whose
 * words overlap by {@link DUPLICATE_JACCARD} or more become one. Against the
 * scope's stored memories, a current memory of the same type with the same
 * de-duplication key (the same content words, whatever their order, case or
 * punctuation) absorbs the candidate: one indexed lookup per document, so the
 * cost does not grow with the scope. A merge adds the new evidence and keeps
 * the higher confidence.
 */
export async function deduplicateMemories(
  candidates: readonly MemoryCandidate[],
  dependencies: { memories: MemoryStore; excludedMemoryIds: ReadonlySet<string>; now: string },
): Promise<Deduplication> {
  const unique: MemoryCandidate[] = [];
  const mergedInto = new Map<MemoryCandidate, string>();
  const wordsOf = new Map(
    candidates.map((candidate) => [candidate, new Set(wordTokens(candidate.memory.content))]),
  );
  for (const candidate of candidates) {
    const words = wordsOf.get(candidate) as Set<string>;
    const twin = unique.find(
      (other) =>
        other.memory.type === candidate.memory.type &&
        other.memory.owner.scopeKey === candidate.memory.owner.scopeKey &&
        (other.memory.dedupKey === candidate.memory.dedupKey ||
          jaccard(words, wordsOf.get(other) as Set<string>) >= DUPLICATE_JACCARD),
    );
    if (!twin) {
      unique.push(candidate);
      continue;
    }
    twin.memory.sourceEvidence = [
      ...new Set([...twin.memory.sourceEvidence, ...candidate.memory.sourceEvidence]),
    ];
    twin.memory.confidence = Math.max(twin.memory.confidence, candidate.memory.confidence);
    twin.memory.mentionCount += 1;
    mergedInto.set(candidate, twin.memory.memoryId);
  }

  const stored = new Map<string, Map<string, { memoryId: string; confidence: number }>>();
  const scopeKeys = [...new Set(unique.map((candidate) => candidate.memory.owner.scopeKey))];
  for (const scopeKey of scopeKeys) {
    const keys = unique
      .filter((candidate) => candidate.memory.owner.scopeKey === scopeKey)
      .map((candidate) => candidate.memory.dedupKey ?? dedupKeyOf(candidate.memory.content));
    const byKey = new Map<string, { memoryId: string; confidence: number }>();
    for (const memory of await dependencies.memories.findByDedupKeys(scopeKey, [...new Set(keys)])) {
      if (dependencies.excludedMemoryIds.has(memory.memoryId) || memory.dedupKey === undefined) continue;
      byKey.set(`${memory.type}:${memory.dedupKey}`, {
        memoryId: memory.memoryId,
        confidence: memory.confidence,
      });
    }
    stored.set(scopeKey, byKey);
  }

  const fresh: MemoryCandidate[] = [];
  const merges = new Map<string, MemoryMerge>();
  for (const candidate of unique) {
    const key = `${candidate.memory.type}:${candidate.memory.dedupKey ?? dedupKeyOf(candidate.memory.content)}`;
    const match = stored.get(candidate.memory.owner.scopeKey)?.get(key);
    if (!match) {
      fresh.push(candidate);
      continue;
    }
    const merge = merges.get(match.memoryId) ?? {
      memoryId: match.memoryId,
      addEvidence: [],
      confidence: match.confidence,
      mentionCountDelta: 0,
      updatedAt: dependencies.now,
    };
    merge.addEvidence.push(...candidate.memory.sourceEvidence);
    merge.confidence = Math.max(merge.confidence, candidate.memory.confidence);
    merge.mentionCountDelta += candidate.memory.mentionCount;
    merges.set(match.memoryId, merge);
    mergedInto.set(candidate, match.memoryId);
    for (const [twin, target] of mergedInto) {
      if (target === candidate.memory.memoryId) mergedInto.set(twin, match.memoryId);
    }
  }
  return { fresh, merges: [...merges.values()], mergedInto };
}

function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}
