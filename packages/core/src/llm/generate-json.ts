import type { z } from 'zod';
import { EngramError } from '../errors/engram-error.js';
import type { ChatMessage, ChatModel } from '../ports/chat-model.js';
import { type JsonTextIssue, parseJsonText } from './parse-json-text.js';
import {
  asProviderError,
  retryDelayMs,
  sleepUnlessAborted,
  throwIfAborted,
  withAttempts,
} from './provider-call.js';
import { toStrictJsonSchema } from './to-strict-json-schema.js';

/** Options of {@link generateJson}. */
export interface GenerateJsonOptions<Schema extends z.ZodType> {
  messages: readonly ChatMessage[];
  /** What the reply must match; optional fields should be `.nullish()` (see `toStrictJsonSchema`). */
  schema: Schema;
  /** Name sent with the JSON Schema (`^[a-zA-Z0-9_-]{1,64}$` for OpenAI). */
  jsonSchemaName: string;
  /** Model calls in all, retries and the re-ask included; default 3, at least 1. */
  maxAttempts?: number;
  abortSignal?: AbortSignal;
  temperature?: number;
  maxTokens?: number;
  /** First backoff delay, doubled on each retry (with jitter); default 500 ms. */
  initialRetryDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included; default 10 s. */
  maxRetryDelayMs?: number;
}

/** A validated reply and the tokens every attempt used. */
export interface GenerateJsonResult<T> {
  value: T;
  usage: { promptTokens: number; completionTokens: number };
  /** Model calls made, the successful one included. */
  attempts: number;
}

// A long broken reply is not worth sending back: the re-ask then just repeats the request.
const MAX_ECHOED_REPLY_CHARACTERS = 4_000;

/**
 * Asks `model` for JSON matching `schema` and returns the parsed value.
 * Retryable provider errors are retried with exponential backoff (honouring
 * `retryAfterSeconds`); an unparseable or non-matching reply is re-asked once
 * with the problems listed. Every call counts against `maxAttempts`. Throws
 * EngramError PROVIDER_FAILED when the attempts run out, on a non-retryable
 * provider error, or when `abortSignal` fires; messages and details carry no
 * prompt or reply text.
 */
export async function generateJson<Schema extends z.ZodType>(
  model: ChatModel,
  options: GenerateJsonOptions<Schema>,
): Promise<GenerateJsonResult<z.output<Schema>>> {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const jsonSchema = { name: options.jsonSchemaName, schema: toStrictJsonSchema(options.schema) };
  const usage = { promptTokens: 0, completionTokens: 0 };
  const context = {
    provider: model.provider,
    modelId: model.modelId,
    jsonSchemaName: options.jsonSchemaName,
  };
  let messages = options.messages;
  let reasked = false;
  let lastProblem: { reason: string; issues: JsonTextIssue[] } | undefined;
  let attempt = 0;
  while (attempt < maxAttempts) {
    attempt++;
    throwIfAborted(options.abortSignal, 'chat request', context);
    let reply: Awaited<ReturnType<ChatModel['doGenerate']>>;
    try {
      reply = await model.doGenerate({
        messages,
        jsonSchema,
        temperature: options.temperature,
        maxTokens: options.maxTokens,
        abortSignal: options.abortSignal,
      });
    } catch (error) {
      throwIfAborted(options.abortSignal, 'chat request', context);
      const failure = asProviderError(error, 'chat model', context);
      if (!failure.retryable || attempt >= maxAttempts) throw withAttempts(failure, attempt);
      await sleepUnlessAborted(
        retryDelayMs(
          {
            initialDelayMs: options.initialRetryDelayMs ?? 500,
            maxDelayMs: options.maxRetryDelayMs ?? 10_000,
          },
          attempt,
          failure.retryAfterSeconds,
        ),
        options.abortSignal,
      );
      continue;
    }
    usage.promptTokens += reply.usage?.promptTokens ?? 0;
    usage.completionTokens += reply.usage?.completionTokens ?? 0;
    const parsed = parseJsonText(reply.text, options.schema);
    if (parsed.success) return { value: parsed.data, usage, attempts: attempt };
    lastProblem = { reason: parsed.reason, issues: parsed.issues };
    if (reasked) break;
    reasked = true;
    messages = reaskMessages(options.messages, reply.text, options.jsonSchemaName, parsed.issues);
  }
  throw new EngramError('PROVIDER_FAILED', `model reply did not match the requested JSON schema`, {
    retryable: false,
    details: {
      ...context,
      attempts: attempt,
      reason: lastProblem?.reason ?? 'no-json',
      // Paths and codes only: zod messages may quote the reply.
      issues: (lastProblem?.issues ?? []).map((issue) => `${issue.path}: ${issue.code}`),
    },
  });
}

/** The original conversation, the broken reply (when short) and a request to fix it. */
function reaskMessages(
  original: readonly ChatMessage[],
  reply: string,
  schemaName: string,
  issues: JsonTextIssue[],
): ChatMessage[] {
  const problems =
    issues.length === 0
      ? 'it contained no valid JSON'
      : `it did not match the schema (${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')})`;
  const echo: ChatMessage[] =
    reply.trim() !== '' && reply.length <= MAX_ECHOED_REPLY_CHARACTERS
      ? [{ role: 'assistant', content: reply }]
      : [];
  return [
    ...original,
    ...echo,
    {
      role: 'user',
      content: `Your previous reply could not be used: ${problems}. Reply again with only one JSON value matching the "${schemaName}" schema, without prose or code fences.`,
    },
  ];
}
