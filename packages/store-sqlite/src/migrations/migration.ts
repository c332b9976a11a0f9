/** One schema change. Versions are applied in ascending order, each once, each in its own transaction. */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}
