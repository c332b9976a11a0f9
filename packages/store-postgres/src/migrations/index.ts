import { tenancyAndConversations } from './001-tenancy-and-conversations.js';
import { memoriesAndIndexes } from './002-memories-and-indexes.js';
import { memoryTextPhrases } from './003-memory-text-phrases.js';
import { jobQueue } from './004-job-queue.js';
import { compactionsAndExtractionCursors } from './005-compactions-and-extraction-cursors.js';
import { platformStores } from './010-platform-stores.js';
import { changeNotifications } from './011-change-notifications.js';
import { finishedJobsByCompletion } from './012-finished-jobs-by-completion.js';
import { memoryScopeVersions } from './013-memory-scope-versions.js';
import type { PostgresMigration } from './postgres-migration.js';

/**
 * Every migration, in version order. Versions 1–3: tenancy, conversations,
 * memories and their indexes; 4–9: job queue, compactions and extraction
 * cursors; 10–19: the platform stores (settings, configuration, webhooks) and the
 * change notifications of per-process caches (11), finished jobs by
 * completion time for pruning (12), the per-scope versions of what a fetch
 * loads as candidates (13).
 * Ranges were kept apart so two lines of work never picked the same number.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  tenancyAndConversations,
  memoriesAndIndexes,
  memoryTextPhrases,
  jobQueue,
  compactionsAndExtractionCursors,
  platformStores,
  changeNotifications,
  finishedJobsByCompletion,
  memoryScopeVersions,
];
