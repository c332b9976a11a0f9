import { tenancyAndConversations } from './001-tenancy-and-conversations.js';
import { memoriesAndIndexes } from './002-memories-and-indexes.js';
import { memoryTextPhrases } from './003-memory-text-phrases.js';
import { platformStores } from './010-platform-stores.js';
import type { PostgresMigration } from './postgres-migration.js';

/**
 * Every migration, in version order. Versions 1–19: tenancy, conversations,
 * memories and their indexes (10–19: the platform stores: settings,
 * configuration, webhooks); 20–39: the job queue (kept apart so two lines
 * of work never pick the same number).
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  tenancyAndConversations,
  memoriesAndIndexes,
  memoryTextPhrases,
  platformStores,
];
