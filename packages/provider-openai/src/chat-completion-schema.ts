import { z } from 'zod';

// Tolerant on purpose: OpenAI, Ollama, vLLM and LM Studio differ in optional fields, so
// only what the adapter reads is checked and everything else is ignored.

const contentPartSchema = z.object({ type: z.string().optional(), text: z.string().optional() });

const usageSchema = z.object({
  prompt_tokens: z.number().nonnegative(),
  completion_tokens: z.number().nonnegative(),
});

/** The parts of a `/chat/completions` response the adapter uses. */
export const chatCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          // Some servers send content parts instead of a string; null when the model refused or called tools.
          content: z.union([z.string(), z.array(contentPartSchema)]).nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema.nullish().catch(null),
});

/** A parsed chat completion. */
export type ChatCompletion = z.output<typeof chatCompletionSchema>;

/** The first choice's text: the string, or the text parts joined; '' when there is none. */
export function completionText(completion: ChatCompletion): string {
  const content = completion.choices[0]?.message.content;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}
