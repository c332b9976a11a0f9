import { join } from 'node:path';
import {
  type ChatModel,
  type EmbeddingModel,
  type EngramConfig,
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
