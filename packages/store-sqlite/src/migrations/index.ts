import { tenancyAndConversations } from './001-tenancy-and-conversations.js';
import type { SqliteMigration } from './migration.js';

/** Every migration, in version order. Append only: never edit a released migration. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [tenancyAndConversations];
