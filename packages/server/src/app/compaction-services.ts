import {
  type ChatModel,
  type Clock,
  CompactConversationHandler,
  CompactionQueue,
  CompactionScheduler,
  CompactionService,
  CompactionSettings,
  ContextForPromptService,
  createCompactionEngine,
  type EngramConfig,
  type EngramStore,
  type InstanceConfigDocument,
  type Logger,
  ThresholdCompaction,
} from '@engram/core';

/** The compaction pieces the composition root hands out. */
export interface CompactionServices {
  /** E10–E12 and the transcript-ingest hook. */
  compaction: CompactionService;
  /** E9 over the latest compaction. */
  contextForPrompt: ContextForPromptService;
  /** Per-instance threshold overrides (`engram instance configure`). */
  compactionSettings: CompactionSettings;
  /** Checks recorded conversations against their threshold, off the request path. */
  thresholdCompaction: ThresholdCompaction;
  /** Hourly (by default) compaction of idle conversations; started by the server only. */
  compactionScheduler: CompactionScheduler;
  /** The worker-side handler of `compact-conversation` jobs. */
  compactionHandler: CompactConversationHandler;
}

/**
 * Wires compaction over the store: the LLM compactor when `compactor` is
 * `llm` and a chat model is configured, else the offline extractive one.
 * `wake` tells the in-process workers a job was queued.
 */
export function createCompactionServices(options: {
  config: EngramConfig;
  logger: Logger;
  store: EngramStore;
  clock: Clock;
  chatModel: ChatModel | undefined;
  wake: () => void;
  /** The instance configuration's compaction section (level, schedule switch). */
  instanceCompaction: (instanceId: string) => Promise<InstanceConfigDocument['compaction']>;
}): CompactionServices {
  const { config, logger, store, clock } = options;
  const chatModel = config.compactor === 'llm' ? options.chatModel : undefined;
  const queue = new CompactionQueue(store.jobs, clock, options.wake);
  const compaction = new CompactionService({
    conversations: store.conversations,
    compactions: store.compactions,
    queue,
    clock,
    method: chatModel === undefined ? 'extractive' : 'llm',
    defaultStrategy: async (instanceId) => (await options.instanceCompaction(instanceId)).level,
  });
  const compactionSettings = new CompactionSettings(store.instanceSettings, config.compactionThresholdTokens);
  return {
    compaction,
    contextForPrompt: new ContextForPromptService({
      conversations: store.conversations,
      compactions: store.compactions,
      clock,
    }),
    compactionSettings,
    thresholdCompaction: new ThresholdCompaction({
      conversations: store.conversations,
      compactions: store.compactions,
      queue,
      service: compaction,
      settings: compactionSettings,
      clock,
      logger,
    }),
    compactionScheduler: new CompactionScheduler({
      compactions: store.compactions,
      service: compaction,
      clock,
      logger,
      intervalSeconds: config.compactionScheduleSeconds,
      scheduled: async (instanceId) => (await options.instanceCompaction(instanceId)).scheduled,
    }),
    compactionHandler: new CompactConversationHandler({
      conversations: store.conversations,
      compactions: store.compactions,
      engine: createCompactionEngine({ chatModel, logger }),
      clock,
    }),
  };
}
