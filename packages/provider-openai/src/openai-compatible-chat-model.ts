import type { ChatGenerateOptions, ChatModel } from '@engram/core';
import { EngramError } from '@engram/core';
import { chatCompletionSchema, completionText } from './chat-completion-schema.js';
import { type FailureContext, failureFromMalformedBody } from './openai-compatible-failure.js';
import { createOpenAICompatiblePoster } from './openai-compatible-request.js';

/** Settings of {@link createOpenAICompatibleChatModel}. */
export interface OpenAICompatibleChatModelSettings {
  /** API root including the version, e.g. "https://api.openai.com/v1" or "http://localhost:11434/v1" (Ollama). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; omit for local servers that need none. */
  apiKey?: string;
  /** Model name as the server knows it ("gpt-4o-mini", "llama3.1:8b"). */
  model: string;
  /** Injectable for tests and proxies; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Per request, body included; default 60 s. */
  timeoutMs?: number;
  /** Extra headers (organisation, project, gateway auth); `Authorization` from `apiKey` wins. */
  headers?: Record<string, string>;
  /** Name reported as `provider` in errors and logs; default "openai-compatible". */
  provider?: string;
}

/** Default request timeout: generous, since local models can take a while on long prompts. */
export const DEFAULT_CHAT_TIMEOUT_MS = 60_000;

/**
 * A {@link ChatModel} over `POST {baseUrl}/chat/completions` in OpenAI's
 * shape, which OpenAI, Ollama (`/v1`), vLLM and LM Studio all serve. One
 * request per `doGenerate`, no retries (core's `generateJson` retries).
 * With `jsonSchema`, asks for `response_format: json_schema` in strict mode.
 * Throws EngramError PROVIDER_FAILED: retryable for 408/429/5xx, network
 * failures and timeouts; not for other 4xx, the caller's abort, a refusal
 * or an unreadable 2xx body. Error messages and details never contain the
 * prompt, the reply, the key or the URL.
 */
export function createOpenAICompatibleChatModel(settings: OpenAICompatibleChatModelSettings): ChatModel {
  const provider = settings.provider ?? 'openai-compatible';
  const context: FailureContext = { provider, modelId: settings.model, operation: 'chat request' };
  const post = createOpenAICompatiblePoster(
    settings,
    'chat/completions',
    settings.timeoutMs ?? DEFAULT_CHAT_TIMEOUT_MS,
    context,
  );

  return {
    provider,
    modelId: settings.model,
    async doGenerate(options: ChatGenerateOptions) {
      const { status, json } = await post(requestBody(settings.model, options), options.abortSignal);
      const parsed = chatCompletionSchema.safeParse(json);
      if (!parsed.success) throw failureFromMalformedBody(context, status, 'not a chat completion');
      const message = parsed.data.choices[0]?.message;
      if (message?.refusal !== null && message?.refusal !== undefined && message.refusal !== '') {
        throw new EngramError('PROVIDER_FAILED', `${provider} model refused the request`, {
          retryable: false,
          details: { ...context, status, reason: 'refusal' },
        });
      }
      const usage = parsed.data.usage;
      return {
        text: completionText(parsed.data),
        usage:
          usage === null || usage === undefined
            ? undefined
            : { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens },
      };
    },
  };
}

/** The OpenAI request body; optional knobs are sent only when set, so servers keep their defaults. */
function requestBody(model: string, options: ChatGenerateOptions): Record<string, unknown> {
  return {
    model,
    messages: options.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: false,
    ...(options.temperature !== undefined && { temperature: options.temperature }),
    // `max_tokens` rather than `max_completion_tokens`: the one Ollama, vLLM and LM Studio all accept.
    ...(options.maxTokens !== undefined && { max_tokens: options.maxTokens }),
    ...(options.jsonSchema !== undefined && {
      response_format: {
        type: 'json_schema',
        json_schema: { name: options.jsonSchema.name, schema: options.jsonSchema.schema, strict: true },
      },
    }),
  };
}
