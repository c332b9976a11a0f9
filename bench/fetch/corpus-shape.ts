import { seededRandom } from '../support/seeded-random.js';
import { type UserProfile, userProfile } from './synthetic-profile.js';

/** The parameters a corpus is generated from; equal shapes give identical corpora. */
export interface CorpusShape {
  /** Every memory, all scopes together. */
  memories: number;
  /** Typical users (the big user comes on top). */
  users: number;
  /** Memories of the one big user (0 for none). */
  bigUser: number;
  /** Client-scope memories, which every user fetch also reads. */
  clientMemories: number;
  seed: number;
}

/** One user of the corpus. */
export interface CorpusUser {
  userId: string;
  memoryCount: number;
  /** Seeds this user's profile, memories and questions. */
  seed: number;
}

/** The id of the big user. */
export const BIG_USER_ID = 'user-big';

/**
 * Every user with their memory count: typical users share what the big user
 * and the client scope leave, each between half and one and a half times the
 * mean, adjusted so the total is exact. Deterministic in `shape`.
 */
export function corpusUsers(shape: CorpusShape): CorpusUser[] {
  const random = seededRandom(shape.seed);
  const remaining = shape.memories - shape.bigUser - shape.clientMemories;
  if (remaining < shape.users) throw new Error('--memories leaves fewer than one memory per typical user');
  const mean = remaining / shape.users;
  const counts = Array.from({ length: shape.users }, () =>
    Math.max(1, Math.round(mean * (0.5 + random.next()))),
  );
  let difference = remaining - counts.reduce((sum, count) => sum + count, 0);
  for (let index = 0; difference !== 0; index = (index + 1) % counts.length) {
    const step = difference > 0 ? 1 : -1;
    if ((counts[index] as number) + step < 1) continue;
    counts[index] = (counts[index] as number) + step;
    difference -= step;
  }
  const users = counts.map((memoryCount, index) => ({
    userId: `user-${index.toString().padStart(6, '0')}`,
    memoryCount,
    seed: (shape.seed * 7_919 + index * 104_729 + 1) >>> 0,
  }));
  if (shape.bigUser > 0)
    users.push({ userId: BIG_USER_ID, memoryCount: shape.bigUser, seed: shape.seed ^ 0x5bd1e995 });
  return users;
}

/** The user's profile: the same for the writer and for the questions. */
export function profileOf(user: CorpusUser): UserProfile {
  return userProfile(seededRandom(user.seed), user.memoryCount);
}
