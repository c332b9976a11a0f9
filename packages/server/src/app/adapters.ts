// The composition root's one file that names adapter packages: which store,
// embedder, extractor and chat model a process uses is decided here, from
// configuration, and nowhere else. Everything else in the server sees ports.
import { join } from 'node:path';
import {
  type ChatModel,
  ConfigError,
  type EmbeddingModel,
  type EngramConfig,
  type EngramStore,
  LlmMemoryExtractor,
  type Logger,
  type MemoryExtractor,
  RuleBasedExtractor,
} from '@engram/core';
import { createGloveEmbedder } from '@engram/embedder-glove';
import {
  createOpenAICompatibleChatModel,
  createOpenAICompatibleEmbeddingModel,
} from '@engram/provider-openai';
import { PostgresEngramStore } from '@engram/store-postgres';
import { SqliteEngramStore } from '@engram/store-sqlite';

/** How a process opens its store. */
export interface StoreOpening {
  /**
   * `primary`: the process's own store, which brings the schema up to date.
   * `reader`: a second store of a retrieval thread, opened after the primary
   * (only for stores whose capabilities declare `sharedReaders`).
   */
  role: 'primary' | 'reader';
  /** Most bytes of the store's in-process vector copy, when it keeps one; 0 disables it. */
  vectorCacheBytes: number;
  /**
   * A long-running writer (`serve`, `worker`): the embedded store checkpoints
   * its WAL from a background thread instead of inside commits, so a long
   * write run never stalls on one. Stores without a WAL ignore it.
   */
  backgroundCheckpoints?: boolean;
}

/** A storage adapter: opens a store at the location configuration names. */
export interface StoreAdapter {
  /** Display name, for errors. */
  readonly name: string;
  open(config: EngramConfig, opening: StoreOpening): Promise<EngramStore>;
}

/** The SQLite file inside a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'engram.db');
}

/** The default: one SQLite file under `dataDir`. */
const EMBEDDED_SQLITE: StoreAdapter = {
  name: 'SQLite',
  open: async (config, opening) =>
    SqliteEngramStore.open(databasePath(config.dataDir), {
      vectorCacheBytes: opening.vectorCacheBytes,
      backgroundCheckpoints: opening.backgroundCheckpoints === true,
    }),
};

/** PostgreSQL 15+ at `databaseUrl`: migrated at open, under an advisory lock (several nodes may start at once). */
const POSTGRES: StoreAdapter = {
  name: 'PostgreSQL',
  open: async (config, opening) =>
    PostgresEngramStore.open(config.databaseUrl as string, { vectorCacheBytes: opening.vectorCacheBytes }),
};

/**
 * Store adapters by the scheme of `databaseUrl`. Adding a store is one
 * package and one entry here (its import above). `null` reserves a scheme
 * whose adapter is not installed, so configuring it fails with a clear error.
 */
const DATABASE_URL_ADAPTERS: Readonly<Record<string, StoreAdapter | null>> = {
  postgres: POSTGRES,
  postgresql: POSTGRES,
};

/**
 * Opens the configured store: the adapter named by `databaseUrl`'s scheme,
 * else the embedded SQLite file in `dataDir`. Throws ConfigError when the
 * URL names a store this build has no adapter for (the URL itself, which may
 * hold a password, is not repeated).
 */
export async function openStore(config: EngramConfig, opening: StoreOpening): Promise<EngramStore> {
  if (config.databaseUrl === undefined) return EMBEDDED_SQLITE.open(config, opening);
  const scheme = config.databaseUrl.slice(0, config.databaseUrl.indexOf(':')).toLowerCase();
  const adapter = DATABASE_URL_ADAPTERS[scheme];
  if (!adapter) {
    const store = scheme.startsWith('postgres') ? 'PostgreSQL' : `"${scheme}"`;
    throw new ConfigError(
      `setting "databaseUrl" (ENGRAM_DATABASE_URL): no ${store} adapter installed; unset it to use the SQLite file in dataDir`,
    );
  }
  return adapter.open(config, opening);
}

/** Lazily created, shared embedding model: the first caller pays the load, later callers share it. */
export type EmbedderProvider = () => Promise<EmbeddingModel>;

/** Where derived model files go. */
export function modelCacheDirectory(config: EngramConfig): string {
  return config.modelCacheDir ?? join(config.dataDir, 'models');
}

/**
 * The configured embedder: offline GloVe (default; converts its cache on
 * first use, about 3 s, then loads in a quarter second) or an
 * OpenAI-compatible endpoint. Memoised, and a failed load is retried on the
 * next call rather than cached.
 */
export function createEmbedderProvider(config: EngramConfig, logger: Logger): EmbedderProvider {
  let loading: Promise<EmbeddingModel> | undefined;
  return () => {
    loading ??= (async (): Promise<EmbeddingModel> => {
      if (config.embedder === 'openai-compatible') {
        return createOpenAICompatibleEmbeddingModel({
          baseUrl: config.embeddingBaseUrl as string,
          model: config.embeddingModel as string,
          dimensions: config.embeddingDimensions as number,
          apiKey: config.embeddingApiKey,
        });
      }
      const started = performance.now();
      const model = await createGloveEmbedder({
        cacheDir: modelCacheDirectory(config),
        onProgress: (event) => {
          if (event.type === 'cache-rebuild')
            logger.info('embedder-cache-building', { reason: event.reason });
        },
      });
      logger.info('embedder-ready', {
        provider: model.provider,
        model: model.modelId,
        ms: Math.round(performance.now() - started),
      });
      return model;
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** The configured chat model, when an LLM is configured. */
export function createChatModel(config: EngramConfig): ChatModel | undefined {
  if (config.llmBaseUrl === undefined || config.llmModel === undefined) return undefined;
  return createOpenAICompatibleChatModel({
    baseUrl: config.llmBaseUrl,
    model: config.llmModel,
    apiKey: config.llmApiKey,
    timeoutMs: config.llmTimeoutMs,
  });
}

/** The configured extractor: rule-based (default, offline) or LLM. */
export function createExtractor(config: EngramConfig, chatModel: ChatModel | undefined): MemoryExtractor {
  if (config.extractor === 'llm' && chatModel) return new LlmMemoryExtractor({ model: chatModel });
  return new RuleBasedExtractor();
}

/**
 * Whether extraction may run on worker threads: only the offline extractor,
 * which is CPU work; an LLM extractor waits on the network, not the CPU.
 */
export function extractorRunsOnThreads(config: EngramConfig): boolean {
  return config.extractor === 'rules';
}

/** The models a process's services use, built once from configuration. */
export interface ModelAdapters {
  embedder: EmbedderProvider;
  chatModel: ChatModel | undefined;
  extractor: MemoryExtractor;
}

/** Builds {@link ModelAdapters} from configuration (nothing is loaded until first use). */
export function createModelAdapters(config: EngramConfig, logger: Logger): ModelAdapters {
  const chatModel = createChatModel(config);
  return {
    embedder: createEmbedderProvider(config, logger),
    chatModel,
    extractor: createExtractor(config, chatModel),
  };
}
