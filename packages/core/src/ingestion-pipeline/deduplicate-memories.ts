import type { MemoryMerge, MemoryStore, VectorIndex } from '../ports/memory-store.js';
import type { MemoryCandidate } from './memory-candidates.js';
import { cosine, normalizedContent, wordJaccard } from './text-normalization.js';

/** Similarity above which two same-type memories may be the same statement. */
export const DUPLICATE_COSINE = 0.95;
/** Word overlap required along with {@link DUPLICATE_COSINE}: vectors alone conflate "likes dogs" and "likes cats". */
export const DUPLICATE_JACCARD = 0.7;

/** The outcome of de-duplication. */
export interface Deduplication {
  /** Candidates to insert as new memories. */
  fresh: MemoryCandidate[];
  /** Folds into existing memories (no new rows). */
  merges: MemoryMerge[];
  /** Memory id each merged candidate now lives under. */
  mergedInto: Map<MemoryCandidate, string>;
}

function isDuplicate(left: MemoryCandidate, rightContent: string, similarity: number): boolean {
  if (normalizedContent(left.memory.content) === normalizedContent(rightContent)) return true;
  return similarity >= DUPLICATE_COSINE && wordJaccard(left.memory.content, rightContent) >= DUPLICATE_JACCARD;
}

/**
 * Folds near-duplicates: first within the document, then against the scope's
 * stored memories (current ones of the same type, found by vector search).
 * A merge adds the new evidence and keeps the higher confidence.
 */
export async function deduplicateMemories(
  candidates: readonly MemoryCandidate[],
  embeddings: ReadonlyMap<MemoryCandidate, Float32Array>,
  dependencies: { memories: MemoryStore; vectors: VectorIndex; excludedMemoryIds: ReadonlySet<string>; now: string },
): Promise<Deduplication> {
  const fresh: MemoryCandidate[] = [];
  const merges = new Map<string, MemoryMerge>();
  const mergedInto = new Map<MemoryCandidate, string>();
  const addMerge = (memoryId: string, candidate: MemoryCandidate, confidence: number) => {
    const merge = merges.get(memoryId) ?? {
      memoryId,
      addEvidence: [],
      confidence,
      mentionCountDelta: 0,
      updatedAt: dependencies.now,
    };
    merge.addEvidence.push(...candidate.memory.sourceEvidence);
    merge.confidence = Math.max(merge.confidence, candidate.memory.confidence);
    merge.mentionCountDelta += 1;
    merges.set(memoryId, merge);
    mergedInto.set(candidate, memoryId);
  };

  for (const candidate of candidates) {
    const vector = embeddings.get(candidate) as Float32Array;
    const twin = fresh.find(
      (other) =>
        other.memory.type === candidate.memory.type &&
        isDuplicate(candidate, other.memory.content, cosine(vector, embeddings.get(other) as Float32Array)),
    );
    if (twin) {
      twin.memory.sourceEvidence = [...new Set([...twin.memory.sourceEvidence, ...candidate.memory.sourceEvidence])];
      twin.memory.confidence = Math.max(twin.memory.confidence, candidate.memory.confidence);
      twin.memory.mentionCount += 1;
      mergedInto.set(candidate, twin.memory.memoryId);
      continue;
    }
    const hits = await dependencies.vectors.nearest([candidate.memory.owner.scopeKey], vector, 3);
    const nearby = hits.filter((hit) => !dependencies.excludedMemoryIds.has(hit.memoryId));
    const stored = nearby.length
      ? await dependencies.memories.getMemories(
          [candidate.memory.owner.scopeKey],
          nearby.map((hit) => hit.memoryId),
        )
      : [];
    const match = nearby
      .map((hit) => ({ hit, memory: stored.find((memory) => memory.memoryId === hit.memoryId) }))
      .find(
        ({ hit, memory }) =>
          memory !== undefined &&
          memory.type === candidate.memory.type &&
          memory.supersededBy === undefined &&
          isDuplicate(candidate, memory.content, hit.score),
      );
    if (match?.memory) addMerge(match.memory.memoryId, candidate, match.memory.confidence);
    else fresh.push(candidate);
  }
  return { fresh, merges: [...merges.values()], mergedInto };
}
