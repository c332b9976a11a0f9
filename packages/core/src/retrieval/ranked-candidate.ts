import type { EntityLink, StoredMemory } from '../domain/stored-memory.js';

/**
 * A memory on its way through ranking: loaded, with its entity links and its
 * current score (higher is better, ≥ 0, unbounded until shaping squashes it).
 */
export interface RankedCandidate {
  memory: StoredMemory;
  links: EntityLink[];
  score: number;
}
