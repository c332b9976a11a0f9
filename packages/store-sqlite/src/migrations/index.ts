import { tenancyAndConversations } from './001-tenancy-and-conversations.js';
import { memoriesGraphAndJobs } from './002-memories-graph-and-jobs.js';
import { compactionsAndInstanceSettings } from './003-compactions-and-instance-settings.js';
import { memoryDedupKeys } from './005-memory-dedup-keys.js';
import { vectorScopeVersions } from './006-vector-scope-versions.js';
import { entityMemoriesByRecency } from './007-entity-memories-by-recency.js';
import { memoryTextContext } from './008-memory-text-context.js';
import { memoryTermFrequencies } from './009-memory-term-frequencies.js';
import { bootstrapTokens } from './010-bootstrap-tokens.js';
import { documentTombstones } from './011-document-tombstones.js';
import { workerNodes } from './012-worker-nodes.js';
import { instanceConfigVersions } from './014-instance-config-versions.js';
import { webhooks } from './015-webhooks.js';
import { conversationExtractionCursors } from './016-conversation-extraction-cursors.js';
import { memoryConfigVersion } from './017-memory-config-version.js';
import { jobRetryAt } from './022-job-retry-at.js';
import { finishedJobsByCompletion } from './026-finished-jobs-by-completion.js';
import { memoryScopeVersions } from './028-memory-scope-versions.js';
import type { SqliteMigration } from './migration.js';

/** Every migration, in version order. Append only: never edit a released migration. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  tenancyAndConversations,
  memoriesGraphAndJobs,
  compactionsAndInstanceSettings,
  memoryDedupKeys,
  vectorScopeVersions,
  entityMemoriesByRecency,
  memoryTextContext,
  memoryTermFrequencies,
  bootstrapTokens,
  documentTombstones,
  workerNodes,
  instanceConfigVersions,
  webhooks,
  conversationExtractionCursors,
  memoryConfigVersion,
  jobRetryAt,
  finishedJobsByCompletion,
  memoryScopeVersions,
];
