import {
  type Clock,
  ContextFetchService,
  ContextForPromptService,
  ConversationService,
  type EngramConfig,
  type EngramStore,
  systemClock,
  TenancyService,
} from '@engram/core';
import type { Logger } from '../logger.js';

/** Everything routes and commands need, wired once (the composition root). */
export interface EngramServices {
  config: EngramConfig;
  logger: Logger;
  clock: Clock;
  store: EngramStore;
  tenancy: TenancyService;
  conversations: ConversationService;
  contextForPrompt: ContextForPromptService;
  contextFetch: ContextFetchService;
}

/** Builds the services over an opened store. The caller owns the store's lifetime. */
export function createEngramServices(options: {
  config: EngramConfig;
  logger: Logger;
  store: EngramStore;
  clock?: Clock;
}): EngramServices {
  const clock = options.clock ?? systemClock;
  const { store } = options;
  const conversations = new ConversationService(store.conversations, clock);
  return {
    config: options.config,
    logger: options.logger,
    clock,
    store,
    tenancy: new TenancyService(store.tenancy, clock),
    conversations,
    contextForPrompt: new ContextForPromptService(store.conversations),
    contextFetch: new ContextFetchService({
      conversations: store.conversations,
      conversationService: conversations,
      retrieval: undefined,
      clock,
    }),
  };
}
