import {
  type AnalysisInput,
  type AnalysisResult,
  analyzeInProcess,
  CachedMemoryRetrieval,
  type Clock,
  ContextFetchService,
  type ContextForPromptService,
  ConversationService,
  type EngramConfig,
  type EngramStore,
  ErasureService,
  ExchangeIngestionService,
  ExtractConversationHandler,
  FinishedJobPruner,
  IngestDocumentHandler,
  ingestionPolicyOf,
  type Logger,
  MemoryIngestionService,
  type MemoryRetrieval,
  MemoryService,
  parseDocument,
  publishJobFailure,
  RecordedMessageExtraction,
  RequestLimiter,
  type RequestLimits,
  ScopeWriteGenerations,
  type StoreChange,
  systemClock,
  TenancyService,
  TranscriptIngestionService,
  UserProfileService,
  WorkerPool,
  withJobWebhookEvents,
} from '@engram/core';
import { LocalProcessLiveness } from '../workers/local-process-liveness.js';
import type { EmbedderProvider, ModelAdapters } from './adapters.js';
import { type CompactionServices, createCompactionServices } from './compaction-services.js';
import { createPlatformServices, type PlatformServices } from './platform-services.js';
import { createRetrievalPipeline } from './retrieval-pipeline.js';
import { storeChangeListener } from './store-change-listener.js';

/** Parse + extract of one document somewhere else than the calling thread (the server's extraction threads). */
export type OffloadedAnalysis = (input: AnalysisInput) => Promise<AnalysisResult>;

/**
 * Collaborators a process builds before its services and hands in; each is
 * optional, and without it the work runs on the main thread.
 */
export interface ServiceCollaborators {
  /** Where rule-based extraction runs (worker threads); default: in process. */
  analyze?: OffloadedAnalysis;
  /** Where fetches are ranked (retrieval threads); default: the in-process pipeline. */
  retrieval?: MemoryRetrieval;
}

/** Everything routes and commands need, wired once (the composition root). */
export interface EngramServices {
  config: EngramConfig;
  logger: Logger;
  clock: Clock;
  store: EngramStore;
  embedder: EmbedderProvider;
  tenancy: TenancyService;
  conversations: ConversationService;
  contextForPrompt: ContextForPromptService;
  contextFetch: ContextFetchService;
  memoryIngestion: MemoryIngestionService;
  /** `POST /v1/memories/ingest`: exchanges written back by Synap's TypeScript integrations. */
  exchanges: ExchangeIngestionService;
  profiles: UserProfileService;
  transcripts: TranscriptIngestionService;
  /** Edits and deletes publish `memory.updated` / `memory.deleted` in the change's own transaction. */
  memories: MemoryService;
  /** Where fetches are ranked: the retrieval threads when the process was given them, else in process. */
  retrieval: MemoryRetrieval;
  /** Background workers; started by the server, idle in one-shot CLI commands. */
  workers: WorkerPool;
  /** Deletes finished jobs past `jobRetentionDays`; started with the workers. */
  jobPruner: FinishedJobPruner;
  compaction: CompactionServices['compaction'];
  compactionSettings: CompactionServices['compactionSettings'];
  /** Started and stopped by the server process only. */
  compactionScheduler: CompactionServices['compactionScheduler'];
  /** Rate limits per key and instance, and the failed-authentication throttle per address. */
  limiter: RequestLimiter;
  /**
   * Drops what this process caches of a change another process committed
   * (fetch results of a scope, an instance's configuration or settings;
   * everything on `resync`). A serving process subscribes it to the
   * store's change feed, where the store has one.
   */
  applyStoreChange(change: StoreChange): void;
  /** Erasure of memories, documents, users and customers; the server flushes it when it stops. */
  erasure: ErasureService;
  /** Versioned per-instance configuration (MACA). */
  instanceConfig: PlatformServices['instanceConfig'];
  archive: PlatformServices['archive'];
  webhookOutbox: PlatformServices['webhookOutbox'];
  /** Started and stopped by the server process only. */
  webhookDispatcher: PlatformServices['webhookDispatcher'];
  /** Started and stopped by the server process only. */
  retention: PlatformServices['retention'];
}

/** Attempts before a retryable job failure is final (the worker pool's limit). */
const JOB_MAX_ATTEMPTS = 3;

/**
 * Builds the services over an opened store and the configured models (see
 * adapters.ts). The caller owns the store's lifetime, builds any threads
 * first and passes them in `collaborators`, and starts the workers.
 */
export function createEngramServices(options: {
  config: EngramConfig;
  logger: Logger;
  store: EngramStore;
  models: ModelAdapters;
  collaborators?: ServiceCollaborators;
  clock?: Clock;
}): EngramServices {
  const clock = options.clock ?? systemClock;
  const { store, config, logger } = options;
  const { embedder, chatModel, extractor } = options.models;
  const offloaded = options.collaborators?.analyze;
  let workers: WorkerPool | undefined;
  const compactionServices = createCompactionServices({
    config,
    logger,
    store,
    clock,
    chatModel,
    wake: () => workers?.wake(),
    // Late-bound: the configuration service is built with the platform services below.
    instanceCompaction: async (instanceId) =>
      (await platform.instanceConfig.active(instanceId)).document.compaction,
  });
  let recordedExtraction: RecordedMessageExtraction | undefined;
  const conversations = new ConversationService(store.conversations, clock, (auth, messages) => {
    compactionServices.thresholdCompaction.noteRecorded(auth.instanceId, messages);
    recordedExtraction?.noteRecorded(auth.instanceId, messages);
  });

  // Every memory write path records its scope here, so cached fetches that read it are dropped.
  const writeGenerations = new ScopeWriteGenerations({ clock });
  const onChanged = (_instanceId: string, scopeKey: string) => writeGenerations.recordWrite(scopeKey);

  const platform = createPlatformServices({
    config,
    logger,
    store,
    clock,
    onChanged,
    setCompactionThreshold: (instanceId, tokens) =>
      compactionServices.compactionSettings.setThresholdTokens(instanceId, tokens),
  });
  recordedExtraction = new RecordedMessageExtraction({
    jobs: store.jobs,
    configs: platform.instanceConfig,
    clock,
    logger,
    wake: () => workers?.wake(),
  });
  const jobEvents = {
    outbox: platform.webhookOutbox,
    memories: store.memories,
    maxAttempts: JOB_MAX_ATTEMPTS,
    transientError: (error: unknown) => store.transientError?.(error),
  };

  const ingestionHandler = new IngestDocumentHandler({
    analyze: async (input, abortSignal) =>
      offloaded
        ? offloaded(input)
        : { memories: await analyzeInProcess(input, { parse: parseDocument, extractor }, abortSignal) },
    memories: store.memories,
    graph: store.graph,
    parse: parseDocument,
    extractor,
    embedder,
    clock,
    onChanged,
    policy: async (instanceId) => ingestionPolicyOf(await platform.instanceConfig.active(instanceId)),
  });
  workers = new WorkerPool({
    jobs: store.jobs,
    transientError: jobEvents.transientError,
    handlers: [
      withJobWebhookEvents(ingestionHandler, jobEvents),
      withJobWebhookEvents(compactionServices.compactionHandler, jobEvents),
      // Not wrapped: it only queues an ingest-document job, whose own events are published.
      new ExtractConversationHandler({
        conversations: store.conversations,
        cursors: store.conversationExtractions,
        jobs: store.jobs,
        tenancy: store.tenancy,
        configs: platform.instanceConfig,
        clock,
        wake: () => workers?.wake(),
      }),
    ],
    concurrency: config.workerConcurrency,
    leaseMs: config.jobLeaseMs,
    pollMs: config.jobPollMs,
    retryBaseMs: config.jobRetryBaseMs,
    maxAttempts: JOB_MAX_ATTEMPTS,
    clock,
    logger,
    liveness: new LocalProcessLiveness(),
    // A poison job failed without its handler running: its ingestion.failed is sent here.
    onAbandoned: (job, errorMessage) => publishJobFailure(job, errorMessage, jobEvents),
  });
  const retrieval =
    options.collaborators?.retrieval ??
    createRetrievalPipeline(
      store,
      { embedder, chatModel, llmRerank: config.llmRerank },
      clock,
      config.candidateCacheMemories,
    );
  const defaultIngestionMode = async (instanceId: string) =>
    (await platform.instanceConfig.active(instanceId)).document.extraction.default_ingestion_mode;
  const memoryIngestion = new MemoryIngestionService(
    store.jobs,
    clock,
    () => workers?.wake(),
    defaultIngestionMode,
  );
  const profiles = new UserProfileService({
    memories: store.memories,
    conversations: store.conversations,
    compactions: store.compactions,
    now: () => clock.now(),
  });
  const erasure = new ErasureService({
    store: store.erasure,
    clock,
    onChanged,
    onPurgeError: (error) => logger.error('erasure-purge-failed', { error: String(error) }),
  });
  // Real time, not the injectable clock: buckets must refill even under a frozen test clock.
  const limiter = new RequestLimiter(requestLimitsOf(config), store.instanceSettings);
  const cachedRetrieval = fetchCache(retrieval, config, clock, writeGenerations, store.changes !== undefined);
  const applyStoreChange = storeChangeListener({
    writeGenerations,
    retrieval: cachedRetrieval,
    instanceConfig: platform.instanceConfig,
    limiter,
    thresholdCompaction: compactionServices.thresholdCompaction,
  });
  return {
    config,
    erasure,
    limiter,
    applyStoreChange,
    profiles,
    logger,
    clock,
    store,
    embedder,
    tenancy: new TenancyService(store.tenancy, clock),
    conversations,
    contextForPrompt: compactionServices.contextForPrompt,
    contextFetch: new ContextFetchService({
      conversations: store.conversations,
      conversationService: conversations,
      compactions: store.compactions,
      profiles,
      retrieval: cachedRetrieval,
      clock,
    }),
    memoryIngestion,
    exchanges: new ExchangeIngestionService({
      conversations: store.conversations,
      conversationService: conversations,
      memoryIngestion,
      clock,
      cursors: store.conversationExtractions,
    }),
    transcripts: new TranscriptIngestionService({
      conversations: store.conversations,
      jobs: store.jobs,
      clock,
      onQueued: () => workers?.wake(),
      cursors: store.conversationExtractions,
      defaultMode: defaultIngestionMode,
      requestCompaction: (auth, conversationId) =>
        compactionServices.compaction.requestCompaction(auth, conversationId),
    }),
    memories: new MemoryService({
      memories: store.memories,
      graph: store.graph,
      embedder,
      clock,
      onChanged,
      erasure,
      outbox: platform.webhookOutbox,
    }),
    workers,
    jobPruner: new FinishedJobPruner({
      jobs: store.jobs,
      clock,
      logger,
      retentionDays: config.jobRetentionDays,
    }),
    retrieval,
    compaction: compactionServices.compaction,
    compactionSettings: compactionServices.compactionSettings,
    compactionScheduler: compactionServices.compactionScheduler,
    ...platform,
  };
}

/**
 * The fetch result cache around `retrieval`, or `retrieval` itself when
 * `fetchCacheEntries` is 0, or when this process runs no workers and the
 * store has no change feed: an API-only process's memories are written by
 * other processes, whose writes its in-process generations see only
 * through the feed (the serving process subscribes {@link
 * EngramServices.applyStoreChange} to it).
 */
function fetchCache(
  retrieval: MemoryRetrieval,
  config: EngramConfig,
  clock: Clock,
  generations: ScopeWriteGenerations,
  sharedChanges: boolean,
): MemoryRetrieval {
  if (config.fetchCacheEntries === 0 || (config.workerConcurrency === 0 && !sharedChanges)) return retrieval;
  return new CachedMemoryRetrieval(retrieval, { maxEntries: config.fetchCacheEntries, clock, generations });
}

/** The configured rate limits as token-bucket shapes. */
function requestLimitsOf(config: EngramConfig): RequestLimits {
  return {
    perKey: { perSecond: config.rateLimitKeyPerSecond, burst: config.rateLimitKeyBurst },
    perInstance: { perSecond: config.rateLimitInstancePerSecond, burst: config.rateLimitInstanceBurst },
    authFailuresPerAddress: { perSecond: config.authFailuresPerSecond, burst: config.authFailuresBurst },
  };
}
