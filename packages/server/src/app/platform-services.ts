import {
  type Clock,
  type EngramConfig,
  type EngramStore,
  InstanceArchiveService,
  InstanceConfigService,
  type Logger,
  RetentionSweeper,
  WebhookDispatcher,
  WebhookOutbox,
  type WebhookTransport,
} from '@engram/core';

/** Configuration, webhooks and retention: the operator-facing services (issue 17). */
export interface PlatformServices {
  instanceConfig: InstanceConfigService;
  /** Export and import of an instance as JSONL. */
  archive: InstanceArchiveService;
  webhookOutbox: WebhookOutbox;
  /** Started and stopped by the server process only. */
  webhookDispatcher: WebhookDispatcher;
  /** Started and stopped by the server process only. */
  retention: RetentionSweeper;
}

/** POST with a timeout over the global fetch; redirects are not followed (a signed body goes where it was registered). */
export const fetchTransport: WebhookTransport = async ({ url, headers, body, timeoutMs }) => {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Read the body so the connection returns to the pool.
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
};

/** Builds the platform services over the store; `onChanged` drops cached fetches of a changed scope. */
export function createPlatformServices(options: {
  config: EngramConfig;
  logger: Logger;
  store: EngramStore;
  clock: Clock;
  onChanged: (instanceId: string, scopeKey: string) => void;
  /** Mirrors the configured compaction threshold into the setting compaction reads. */
  setCompactionThreshold: (instanceId: string, tokens: number | null) => Promise<unknown>;
  transport?: WebhookTransport;
}): PlatformServices {
  const { config, logger, store, clock } = options;
  let dispatcher: WebhookDispatcher | undefined;
  const webhookOutbox = new WebhookOutbox(store.webhooks, clock, () => dispatcher?.wake());
  dispatcher = new WebhookDispatcher({
    store: store.webhooks,
    transport: options.transport ?? fetchTransport,
    clock,
    logger,
    baseDelayMs: config.webhookRetryBaseMs,
    timeoutMs: config.webhookTimeoutMs,
    pollMs: Math.min(1_000, config.webhookRetryBaseMs),
  });
  const instanceConfig = new InstanceConfigService({
    store: store.instanceConfigs,
    instanceExists: async (instanceId) => (await store.tenancy.getInstance(instanceId)) !== undefined,
    clock,
    onChanged: async (instanceId, active) => {
      await options.setCompactionThreshold(instanceId, active.document.compaction.threshold_tokens);
    },
  });
  const retention = new RetentionSweeper({
    instanceIds: async () => (await store.tenancy.listInstances()).map((instance) => instance.instanceId),
    configs: instanceConfig,
    admin: store.memoryAdmin,
    memories: store.memories,
    outbox: webhookOutbox,
    onChanged: options.onChanged,
    clock,
    logger,
    intervalMs: config.retentionSweepMs,
  });
  const archive = new InstanceArchiveService({
    archive: store.archive,
    tenancy: store.tenancy,
    configs: instanceConfig,
    clock,
    onChanged: options.onChanged,
  });
  return { instanceConfig, archive, webhookOutbox, webhookDispatcher: dispatcher, retention };
}
