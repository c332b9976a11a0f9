// Stand-ins for the provider models the README's examples name (lines marked
// `// your model`), built on the frameworks' own test models. Each answers
// with whether the prompt it received mentioned coffee, so the example's
// output shows that memory reached the model.
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { MockLanguageModelV3 } from 'ai/test';

/** The answer every stand-in gives. */
export function standInAnswer(prompt: unknown): string {
  return `stand-in model; memory in prompt: ${/coffee black/i.test(JSON.stringify(prompt))}`;
}

/** In place of `openai(modelId)` from `@ai-sdk/openai`. */
export function openai(_modelId: string): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doGenerate: async (options: LanguageModelV3CallOptions) => ({
      content: [{ type: 'text', text: standInAnswer(options.prompt) }],
      finishReason: { unified: 'stop', raw: undefined },
      usage: {
        inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 1, text: 1, reasoning: undefined },
      },
      warnings: [],
    }),
  });
}

/** In place of `ChatOpenAI` from `@langchain/openai`. */
export class ChatOpenAI extends FakeListChatModel {
  constructor(_fields: { model: string }) {
    super({ responses: [''] });
  }

  override async _generate(
    messages: BaseMessage[],
    options?: this['ParsedCallOptions'],
  ): Promise<ChatResult> {
    this.responses = [standInAnswer(messages.map((message) => message.text))];
    this.i = 0;
    return super._generate(messages, options);
  }
}
