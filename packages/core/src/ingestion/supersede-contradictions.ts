import type { MemoryStore, MemorySupersession } from '../ports/memory-store.js';
import { normalizedContent } from '../text/text-normalization.js';
import type { MemoryCandidate } from './memory-candidates.js';

/** When a statement became true: its event date, else its document's date. */
function effectiveTime(memory: { eventDate: string | undefined; sourceDocumentCreatedAt: string }): string {
  return memory.eventDate ?? memory.sourceDocumentCreatedAt;
}

/**
 * A new value for the same subject and attribute ("Caroline lives in Boston"
 * after "... in Denver") closes the older statement with `valid_until` and
 * `superseded_by`, keeping it for history. If the stored statement is the
 * newer one (an old document ingested late), the candidate is the one closed.
 */
export async function supersedeContradictions(
  fresh: readonly MemoryCandidate[],
  memories: MemoryStore,
  now: string,
): Promise<MemorySupersession[]> {
  const supersessions: MemorySupersession[] = [];
  for (const candidate of fresh) {
    const { subject, attribute, value, owner } = candidate.memory;
    if (subject === undefined || attribute === undefined || value === undefined) continue;
    const current = await memories.findBySubjectAttribute(owner.scopeKey, subject, attribute);
    for (const existing of current) {
      if (existing.value === undefined || normalizedContent(existing.value) === normalizedContent(value))
        continue;
      const candidateTime = effectiveTime(candidate.memory);
      const existingTime = effectiveTime(existing);
      if (candidateTime >= existingTime) {
        supersessions.push({
          memoryId: existing.memoryId,
          validUntil: candidateTime,
          supersededBy: candidate.memory.memoryId,
          updatedAt: now,
        });
      } else {
        candidate.memory.validUntil = existingTime;
        candidate.memory.supersededBy = existing.memoryId;
      }
    }
  }
  return supersessions;
}
