import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

const USAGE: LanguageModelV3Usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/**
 * The AI SDK's own mock model, answering each call with the next of
 * `answers` (text, or content parts such as tool calls) and keeping every
 * prompt it was given.
 */
export function scriptedModel(answers: (string | LanguageModelV3Content[])[]) {
  const prompts: LanguageModelV3CallOptions['prompt'][] = [];
  let call = 0;
  const next = (options: LanguageModelV3CallOptions): LanguageModelV3Content[] => {
    prompts.push(options.prompt);
    const answer = answers[Math.min(call, answers.length - 1)] ?? '';
    call += 1;
    return typeof answer === 'string' ? [{ type: 'text', text: answer }] : answer;
  };
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      const content = next(options);
      const toolCall = content.some((part) => part.type === 'tool-call');
      return {
        content,
        finishReason: { unified: toolCall ? 'tool-calls' : 'stop', raw: undefined },
        usage: USAGE,
        warnings: [],
      };
    },
    doStream: async (options) => {
      const text = next(options)
        .flatMap((part) => (part.type === 'text' ? [part.text] : []))
        .join('');
      const words = text.split(/(?<= )/);
      return {
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start' as const, id: 't' },
            ...words.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
            { type: 'text-end' as const, id: 't' },
            {
              type: 'finish' as const,
              finishReason: { unified: 'stop' as const, raw: undefined },
              usage: USAGE,
            },
          ],
        }),
      };
    },
  });
  return { model, prompts };
}

/** The text of a prompt's system messages, joined. */
export function systemTextOf(prompt: LanguageModelV3CallOptions['prompt'] | undefined): string {
  return (prompt ?? []).flatMap((message) => (message.role === 'system' ? [message.content] : [])).join('\n');
}
