import { z } from 'zod';

const booleanSetting = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { message: 'must be true or false' })
  .transform((value) => value === true || value === 'true' || value === '1');

/**
 * Every setting, its environment variable and its default. Flat on purpose:
 * one key ↔ one variable ↔ one config-file field, so an error can name all three.
 */
export const engramConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  dataDir: z.string().min(1).default('./.engram'),
  /**
   * The PostgreSQL database (15 or later) to store in instead of the SQLite
   * file in `dataDir`: a `postgres://` (or `postgresql://`) URL, shared by any
   * number of API nodes and workers. Unset, the embedded SQLite store is
   * used. Contains a password: never logged.
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Largest JSON body on ordinary routes, in bytes. */
  maxBodyBytes: z.coerce.number().int().min(1_024).default(1_048_576),
  /** Largest JSON body on batch routes, in bytes. */
  maxBatchBodyBytes: z.coerce.number().int().min(1_024).default(16_777_216),
  /** Largest multipart upload, in bytes. */
  maxUploadBytes: z.coerce.number().int().min(1_024).default(10_485_760),
  /**
   * Largest JSONL archive `engram import` and the import route accept, in
   * bytes: an import is validated whole before anything is written, so its
   * records are held in memory (default 1 GiB).
   */
  maxImportBytes: z.coerce.number().int().min(1_024).default(1_073_741_824),
  /**
   * Most open client connections; past it Node closes new ones at once. The
   * Synap SDK pools 20 per client, so 1,024 serves about fifty clients.
   */
  maxConnections: z.coerce.number().int().min(1).max(1_000_000).default(1_024),
  /** Milliseconds a client has to send a request's headers (slow-header clients are cut off). */
  headersTimeoutMs: z.coerce.number().int().min(1_000).default(10_000),
  /** Milliseconds a client has to send a whole request, body included (slow-body clients are cut off). */
  requestTimeoutMs: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * Requests per second each API key may make (a token bucket refilled at this
   * rate); 0 disables. Answered 429 with an integer Retry-After past it.
   */
  rateLimitKeyPerSecond: z.coerce.number().min(0).default(100),
  /** Most requests one key may make at once after being idle (the bucket's size). */
  rateLimitKeyBurst: z.coerce.number().int().min(1).default(200),
  /** Requests per second each instance may make, all its keys together; 0 disables. Instances may override it. */
  rateLimitInstancePerSecond: z.coerce.number().min(0).default(250),
  /** Most requests one instance may make at once after being idle. */
  rateLimitInstanceBurst: z.coerce.number().int().min(1).default(500),
  /**
   * Failed authentications per second one client address earns back (default
   * one every 6 s); past the burst every attempt from it is 429 until then; 0 disables.
   */
  authFailuresPerSecond: z.coerce
    .number()
    .min(0)
    .default(1 / 6),
  /** Failed authentications one client address may make in a row before it is throttled. */
  authFailuresBurst: z.coerce.number().int().min(1).default(20),
  /** Create a default instance and print its key on first start with an empty store. */
  bootstrapDefaultInstance: booleanSetting.default(true),
  /**
   * Background jobs run at once in this process; 0 makes an API-only
   * process. 4 keeps the extraction thread busy while other jobs read and
   * write (bench:ingest figures: docs/decisions/0044).
   */
  workerConcurrency: z.coerce.number().int().min(0).max(64).default(4),
  /**
   * Worker threads for rule-based extraction (parse + extract), so ingestion
   * uses more than one core; 0 runs extraction on the main thread.
   */
  extractionThreads: z.coerce.number().int().min(0).max(32).default(1),
  /**
   * Worker threads that rank fetches, each with its own SQLite connection and
   * embedder, so fetches use more than one core; 0 ranks on the main thread.
   */
  retrievalThreads: z.coerce.number().int().min(0).max(32).default(0),
  /**
   * Most MiB of memory vectors held in this process's in-process copy,
   * searched exactly and far cheaper than reading them from SQLite per fetch
   * (about 400 MiB holds a million 100-dimension vectors); 0 always reads
   * SQLite. With retrieval threads, each thread holds an even share.
   */
  vectorCacheMb: z.coerce.number().int().min(0).max(65_536).default(512),
  /**
   * Most memories (rows with their entity links) kept across fetches by the
   * candidate cache, so a scope unchanged since its last fetch is not read
   * and parsed again (about 2 KB each); 0 reads every fetch's candidates
   * from the store. Checked against the store's per-scope versions on every
   * fetch, so writes from any process are seen at once. With retrieval
   * threads, each thread holds an even share.
   */
  candidateCacheMemories: z.coerce.number().int().min(0).max(10_000_000).default(5_000),
  /** Fill that copy at start, in the background, scope by scope until it is full. */
  warmVectorCache: booleanSetting.default(true),
  /** How long a claimed job is held before another worker may take it over (crash recovery). */
  jobLeaseMs: z.coerce.number().int().min(500).default(30_000),
  /** Idle poll interval of workers, in milliseconds. */
  jobPollMs: z.coerce.number().int().min(10).default(250),
  /**
   * Back-off before a job that failed retryably (a provider timed out, the
   * database was briefly down) runs again: this, doubled per attempt, capped
   * at five minutes; 0 retries at once.
   */
  jobRetryBaseMs: z.coerce.number().int().min(0).default(2_000),
  /**
   * Days a finished job (completed, failed, partial) is kept, with its
   * status, result and error, before processes that run workers delete it;
   * its ingestion status then answers 404. 0 keeps every job forever.
   */
  jobRetentionDays: z.coerce.number().min(0).default(7),
  /**
   * Port of the `engram worker` readiness endpoint (`GET /health` on
   * `host`); 0 (default) opens none. An `engram worker --health-port` flag wins.
   */
  workerHealthPort: z.coerce.number().int().min(0).max(65_535).default(0),
  /** Where derived model files (the GloVe cache) live; default `<dataDir>/models`. */
  modelCacheDir: z.string().min(1).optional(),
  /** `glove` (offline, default) or `openai-compatible` (OpenAI, Ollama, vLLM /v1/embeddings). */
  embedder: z.enum(['glove', 'openai-compatible']).default('glove'),
  embeddingBaseUrl: z.url().optional(),
  embeddingModel: z.string().min(1).optional(),
  embeddingApiKey: z.string().min(1).optional(),
  embeddingDimensions: z.coerce.number().int().min(1).max(8192).optional(),
  /** `rules` (offline, default) or `llm` (OpenAI-compatible chat with JSON output). */
  extractor: z.enum(['rules', 'llm']).default('rules'),
  llmBaseUrl: z.url().optional(),
  llmModel: z.string().min(1).optional(),
  llmApiKey: z.string().min(1).optional(),
  llmTimeoutMs: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * With an LLM configured, `accurate` fetches also ask it to re-order their
   * best 20 candidates (one more chat call per fetch); false keeps the
   * offline learned re-rank alone.
   */
  llmRerank: booleanSetting.default(true),
  /**
   * Uncompacted history, in BPE tokens, past which a conversation is compacted
   * after a recorded message; 0 disables. Instances may override it.
   */
  compactionThresholdTokens: z.coerce.number().int().min(0).default(8_000),
  /** Seconds between scheduled compactions of idle conversations (idle at least as long); 0 disables. */
  compactionScheduleSeconds: z.coerce.number().int().min(0).default(3_600),
  /** `extractive` (offline, default) or `llm` (the configured OpenAI-compatible chat model). */
  compactor: z.enum(['extractive', 'llm']).default('extractive'),
  /**
   * Fetch results held in this process's cache (least recently used out),
   * dropped by writes to the scopes they read; 0 disables. An API-only process
   * (workerConcurrency 0) caches only on a store with a change feed
   * (PostgreSQL): other processes write its memories.
   */
  fetchCacheEntries: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
  /**
   * Bearer key of the operator routes (`/admin/v1/...`); separate from every
   * instance's API keys. Unset: the admin routes answer 401 to everyone.
   */
  operatorKey: z.string().min(16, 'must be at least 16 characters').optional(),
  /** First webhook retry delay, doubled per attempt (capped at an hour). */
  webhookRetryBaseMs: z.coerce.number().int().min(10).default(10_000),
  /** Longest wait for a webhook receiver's answer. */
  webhookTimeoutMs: z.coerce.number().int().min(100).default(10_000),
  /** Milliseconds between retention sweeps (TTL and per-user limits); 0 disables. */
  retentionSweepMs: z.coerce.number().int().min(0).default(60_000),
  /** Serve the operator console at `/dashboard` (its files are read on first request, not at start). */
  dashboard: booleanSetting.default(true),
});

/** Parsed configuration. */
export type EngramConfig = z.infer<typeof engramConfigSchema>;
/** A setting name. */
export type ConfigKey = keyof EngramConfig;

/** The environment variable of each setting. */
export const CONFIG_ENV_VARIABLES: Readonly<Record<ConfigKey, string>> = {
  host: 'ENGRAM_HOST',
  port: 'ENGRAM_PORT',
  dataDir: 'ENGRAM_DATA_DIR',
  databaseUrl: 'ENGRAM_DATABASE_URL',
  logLevel: 'ENGRAM_LOG_LEVEL',
  maxBodyBytes: 'ENGRAM_MAX_BODY_BYTES',
  maxBatchBodyBytes: 'ENGRAM_MAX_BATCH_BODY_BYTES',
  maxUploadBytes: 'ENGRAM_MAX_UPLOAD_BYTES',
  maxImportBytes: 'ENGRAM_MAX_IMPORT_BYTES',
  maxConnections: 'ENGRAM_MAX_CONNECTIONS',
  headersTimeoutMs: 'ENGRAM_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'ENGRAM_REQUEST_TIMEOUT_MS',
  rateLimitKeyPerSecond: 'ENGRAM_RATE_LIMIT_KEY_PER_SECOND',
  rateLimitKeyBurst: 'ENGRAM_RATE_LIMIT_KEY_BURST',
  rateLimitInstancePerSecond: 'ENGRAM_RATE_LIMIT_INSTANCE_PER_SECOND',
  rateLimitInstanceBurst: 'ENGRAM_RATE_LIMIT_INSTANCE_BURST',
  authFailuresPerSecond: 'ENGRAM_AUTH_FAILURES_PER_SECOND',
  authFailuresBurst: 'ENGRAM_AUTH_FAILURES_BURST',
  bootstrapDefaultInstance: 'ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE',
  workerConcurrency: 'ENGRAM_WORKER_CONCURRENCY',
  extractionThreads: 'ENGRAM_EXTRACTION_THREADS',
  retrievalThreads: 'ENGRAM_RETRIEVAL_THREADS',
  vectorCacheMb: 'ENGRAM_VECTOR_CACHE_MB',
  warmVectorCache: 'ENGRAM_VECTOR_CACHE_WARM',
  candidateCacheMemories: 'ENGRAM_CANDIDATE_CACHE_MEMORIES',
  jobLeaseMs: 'ENGRAM_JOB_LEASE_MS',
  jobPollMs: 'ENGRAM_JOB_POLL_MS',
  jobRetryBaseMs: 'ENGRAM_JOB_RETRY_BASE_MS',
  jobRetentionDays: 'ENGRAM_JOB_RETENTION_DAYS',
  workerHealthPort: 'ENGRAM_WORKER_HEALTH_PORT',
  modelCacheDir: 'ENGRAM_MODEL_CACHE_DIR',
  embedder: 'ENGRAM_EMBEDDER',
  embeddingBaseUrl: 'ENGRAM_EMBEDDING_BASE_URL',
  embeddingModel: 'ENGRAM_EMBEDDING_MODEL',
  embeddingApiKey: 'ENGRAM_EMBEDDING_API_KEY',
  embeddingDimensions: 'ENGRAM_EMBEDDING_DIMENSIONS',
  extractor: 'ENGRAM_EXTRACTOR',
  llmBaseUrl: 'ENGRAM_LLM_BASE_URL',
  llmModel: 'ENGRAM_LLM_MODEL',
  llmApiKey: 'ENGRAM_LLM_API_KEY',
  llmTimeoutMs: 'ENGRAM_LLM_TIMEOUT_MS',
  llmRerank: 'ENGRAM_LLM_RERANK',
  compactionThresholdTokens: 'ENGRAM_COMPACTION_THRESHOLD_TOKENS',
  compactionScheduleSeconds: 'ENGRAM_COMPACTION_SCHEDULE_SECONDS',
  compactor: 'ENGRAM_COMPACTOR',
  fetchCacheEntries: 'ENGRAM_FETCH_CACHE_ENTRIES',
  operatorKey: 'ENGRAM_OPERATOR_KEY',
  webhookRetryBaseMs: 'ENGRAM_WEBHOOK_RETRY_BASE_MS',
  webhookTimeoutMs: 'ENGRAM_WEBHOOK_TIMEOUT_MS',
  retentionSweepMs: 'ENGRAM_RETENTION_SWEEP_MS',
  dashboard: 'ENGRAM_DASHBOARD',
};

/** Settings that must be present together with a choice, checked after parsing. */
const REQUIRED_WITH: readonly {
  when: (config: EngramConfig) => boolean;
  because: string;
  keys: ConfigKey[];
}[] = [
  {
    when: (config) => config.embedder === 'openai-compatible',
    because: 'embedder is openai-compatible',
    keys: ['embeddingBaseUrl', 'embeddingModel', 'embeddingDimensions'],
  },
  {
    when: (config) => config.extractor === 'llm',
    because: 'extractor is llm',
    keys: ['llmBaseUrl', 'llmModel'],
  },
  {
    when: (config) => config.compactor === 'llm',
    because: 'compactor is llm',
    keys: ['llmBaseUrl', 'llmModel'],
  },
];

/** Raised when configuration is invalid; the message names every bad setting and its variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Sources of configuration, highest precedence first. */
export interface ConfigSources {
  /** Command-line arguments, already parsed to setting keys. */
  args?: Partial<Record<ConfigKey, unknown>>;
  /** The process environment (passed in: library code never reads `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The parsed config file, if any. */
  file?: Record<string, unknown>;
}

/**
 * Merges sources with precedence argument > environment > config file >
 * default and validates once. Throws {@link ConfigError} naming each bad
 * setting, its variable and the reason; unknown config-file keys are errors
 * too (a typo should not be silently ignored).
 */
export function resolveConfig(sources: ConfigSources): EngramConfig {
  const merged: Record<string, unknown> = {};
  const keys = Object.keys(CONFIG_ENV_VARIABLES) as ConfigKey[];
  const problems: string[] = [];
  for (const fileKey of Object.keys(sources.file ?? {})) {
    if (!keys.includes(fileKey as ConfigKey))
      problems.push(`unknown setting "${fileKey}" in the config file`);
  }
  for (const key of keys) {
    const fromArgs = sources.args?.[key];
    const fromEnv = sources.env?.[CONFIG_ENV_VARIABLES[key]];
    const fromFile = sources.file?.[key];
    if (fromArgs !== undefined) merged[key] = fromArgs;
    else if (fromEnv !== undefined && fromEnv !== '') merged[key] = fromEnv;
    else if (fromFile !== undefined) merged[key] = fromFile;
  }
  const parsed = engramConfigSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '') as ConfigKey;
      problems.push(
        `setting "${key}" (${CONFIG_ENV_VARIABLES[key] ?? 'unknown variable'}): ${issue.message}`,
      );
    }
  }
  if (parsed.success) {
    for (const rule of REQUIRED_WITH) {
      if (!rule.when(parsed.data)) continue;
      for (const key of rule.keys) {
        if (parsed.data[key] === undefined) {
          problems.push(`setting "${key}" (${CONFIG_ENV_VARIABLES[key]}) is required when ${rule.because}`);
        }
      }
    }
  }
  if (problems.length > 0 || !parsed.success)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return parsed.data;
}
