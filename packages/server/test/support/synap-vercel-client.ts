// A small stand-in for Synap's Vercel AI SDK integration, written from the
// wire contract in spec §5 (not from its code): a middleware that fetches
// context before each model call, reading ONLY `items_by_type`,
// `conversation_context` (with its JSON-string fields), `bundle_id`,
// `total_tokens` and `metadata.source`, injects the items into the prompt as
// a system block, and after the call posts the exchange to
// `POST /v1/memories/ingest`, fire-and-forget. The test awaits the writes
// through `settled()`, which the real integration never does.
import type { LanguageModelMiddleware } from 'ai';

type TransformParams = NonNullable<LanguageModelMiddleware['transformParams']>;
type CallParams = Parameters<TransformParams>[0]['params'];
/** The prompt a language model call receives. */
export type ModelPrompt = CallParams['prompt'];

/** Which ids the wrapped model is scoped to (the integration's `wrap(model, {...})` options). */
export interface SynapScopeOptions {
  userId?: string;
  customerId?: string;
  conversationId?: string;
}

/** One item of `items_by_type.<type>.items`, as §5 names its fields. */
export interface RawContextItem {
  item_id: string;
  content: string;
  context_type: string;
  source: string;
  confidence: number;
  similarity_score: number;
  relevance_score: number;
  scope: string;
  entity_id: string;
  event_date: string;
  valid_until: string;
  temporal_category: string;
  temporal_confidence: number;
}

/** What one fetch gave the client, in the integration's own terms. */
export interface FetchedContext {
  items: Record<string, RawContextItem[]>;
  summary: string | null;
  currentState: Record<string, unknown>;
  keyExtractions: Record<string, unknown>;
  recentTurns: Array<{ role: string; content: string; timestamp: string }>;
  bundleId: string;
  totalTokens: number;
  source: 'cache' | 'cloud';
}

const TYPE_KEYS = ['facts', 'preferences', 'episodes', 'emotions', 'temporal_events'] as const;

/** The stand-in client: the middleware plus what the test inspects. */
export interface SynapLikeClient {
  middleware: LanguageModelMiddleware;
  /** Every context fetch so far, oldest first (null where the fetch failed, as the integration tolerates). */
  fetches: Array<FetchedContext | null>;
  /** Resolves with the ingest responses of every write started so far (status and body). */
  settled(): Promise<Array<{ status: number; body: Record<string, unknown> }>>;
}

/** Builds the client for one API key and scope. */
export function createSynapLikeClient(
  baseUrl: string,
  apiKey: string,
  scope: SynapScopeOptions,
): SynapLikeClient {
  const fetches: Array<FetchedContext | null> = [];
  const writes: Array<Promise<{ status: number; body: Record<string, unknown> }>> = [];
  const headers = {
    authorization: `Bearer ${apiKey}`,
    // Sent empty, as the integration does before it knows them (§5 Construction).
    'x-client-id': '',
    'x-instance-id': '',
    'content-type': 'application/json',
  };
  const promptsByCall: ModelPrompt[] = [];

  const fetchContext = async (prompt: ModelPrompt): Promise<FetchedContext | null> => {
    const query = lastUserText(prompt);
    const base = { search_query: query ? [query] : [], max_results: 10, types: ['all'], mode: 'fast' };
    let path = '/v1/context/client/fetch';
    let body: Record<string, unknown> = base;
    if (scope.conversationId) {
      path = '/v1/context/conversation/fetch';
      body = {
        ...base,
        conversation_id: scope.conversationId,
        user_id: scope.userId ?? '',
        customer_id: scope.customerId ?? '',
      };
    } else if (scope.userId) {
      path = '/v1/context/user/fetch';
      body = { ...base, user_id: scope.userId, customer_id: scope.customerId ?? '' };
    } else if (scope.customerId) {
      path = '/v1/context/customer/fetch';
      body = { ...base, customer_id: scope.customerId };
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (!response.ok) return null;
    const data = (await response.json()) as Record<string, unknown>;
    const byType = (data.items_by_type ?? {}) as Record<string, { items?: RawContextItem[] }>;
    const conversation = data.conversation_context as Record<string, unknown> | undefined | null;
    return {
      items: Object.fromEntries(TYPE_KEYS.map((key) => [key, byType[key]?.items ?? []])),
      summary: (conversation?.summary as string | null | undefined) ?? null,
      currentState: parseJsonObject(conversation?.current_state_json),
      keyExtractions: parseJsonObject(conversation?.key_extractions_json),
      recentTurns: (conversation?.recent_turns as FetchedContext['recentTurns'] | undefined) ?? [],
      bundleId: typeof data.bundle_id === 'string' ? data.bundle_id : '',
      totalTokens: typeof data.total_tokens === 'number' ? data.total_tokens : 0,
      source: (data.metadata as { source?: string } | undefined)?.source === 'cache' ? 'cache' : 'cloud',
    };
  };

  const writeExchange = (prompt: ModelPrompt, reply: string) => {
    const messages = [...transcriptOf(prompt), { role: 'assistant', content: reply }];
    const body = {
      messages,
      user_id: scope.userId ?? '',
      customer_id: scope.customerId ?? '',
      conversation_id: scope.conversationId ?? '',
      source: 'vercel_ai_sdk',
    };
    writes.push(
      fetch(`${baseUrl}/v1/memories/ingest`, { method: 'POST', headers, body: JSON.stringify(body) }).then(
        async (response) => ({
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
        }),
      ),
    );
  };

  const middleware: LanguageModelMiddleware = {
    specificationVersion: 'v3',
    transformParams: async ({ params }) => {
      promptsByCall.push(params.prompt);
      const context = await fetchContext(params.prompt).catch(() => null);
      fetches.push(context);
      const block = context ? systemBlock(context) : '';
      if (block === '') return params;
      return { ...params, prompt: [{ role: 'system', content: block }, ...params.prompt] };
    },
    wrapGenerate: async ({ doGenerate }) => {
      const original = promptsByCall.pop();
      const result = await doGenerate();
      const text = result.content
        .filter((part): part is { type: 'text'; text: string } => part.type === 'text')
        .map((part) => part.text)
        .join('');
      if (text && original) writeExchange(original, text);
      return result;
    },
  };
  return { middleware, fetches, settled: () => Promise.all(writes) };
}

/** The system block the client injects: recent turns, then every item of every type. */
export function systemBlock(context: FetchedContext): string {
  const sections: string[] = [];
  if (context.summary) sections.push(`## Conversation Summary\n${context.summary}`);
  if (context.recentTurns.length > 0) {
    sections.push(
      `## Recent Conversation\n${context.recentTurns.map((turn) => `${turn.role}: ${turn.content}`).join('\n')}`,
    );
  }
  for (const key of TYPE_KEYS) {
    const items = context.items[key] ?? [];
    if (items.length > 0) sections.push(`## ${key}\n${items.map((item) => `- ${item.content}`).join('\n')}`);
  }
  return sections.length === 0 ? '' : `<synap_context>\n${sections.join('\n\n')}\n</synap_context>`;
}

/** The system text a mock model received, for assertions. */
export function systemTextOf(prompt: ModelPrompt): string {
  return prompt
    .filter((message) => message.role === 'system')
    .map((message) => message.content as string)
    .join('\n');
}

function lastUserText(prompt: ModelPrompt): string {
  const last = [...prompt].reverse().find((message) => message.role === 'user');
  if (last?.role !== 'user') return '';
  return last.content
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join(' ')
    .trim()
    .slice(0, 512);
}

function transcriptOf(prompt: ModelPrompt): Array<{ role: string; content: string }> {
  const turns: Array<{ role: string; content: string }> = [];
  for (const message of prompt) {
    if (message.role !== 'user' && message.role !== 'assistant') continue;
    const content = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    if (content.length > 0) turns.push({ role: message.role, content });
  }
  return turns;
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string' || value === '') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
