/**
 * The text rendering of a unified fetch, `formatted_context` (spec §3.6, the
 * Python SDK's `UnifiedContextResponse.format_for_prompt`). Pure: no I/O, no
 * clock. Items are read the way the Python SDK's models read them, so both the
 * type-specific fields and the generic ones (spec §1.4) work.
 */

/** A retrieved item as rendered: any JSON object (the server's item, unknown keys included). */
export type RenderableItem = Readonly<Record<string, unknown>>;

/** What {@link formatForPrompt} renders; every part is optional. */
export interface PromptContextSource {
  facts?: readonly RenderableItem[];
  preferences?: readonly RenderableItem[];
  episodes?: readonly RenderableItem[];
  emotions?: readonly RenderableItem[];
  temporal_events?: readonly RenderableItem[];
  /** Item id → scope, used by `include_scope_labels`. */
  scope_map?: Readonly<Record<string, string>>;
  /** The prompt text of the conversation, rendered as `### Conversation History`. */
  conversation_context?: string | null;
  /** A caller profile (`attributes` and `overview`), rendered as `## Caller Profile`. */
  profile?: Readonly<Record<string, unknown>> | null;
  /** Conversation summaries, rendered as `## Previous Conversations`. */
  conversations?: readonly Readonly<Record<string, unknown>>[] | null;
}

/** Options of {@link formatForPrompt}. */
export interface FormatForPromptOptions {
  /** Adds `scope: <scope>` (from `scope_map`) inside each item's bracket. Default false. */
  include_scope_labels?: boolean;
}

/** Preferences at least this strong show `[strength: x.x]`. */
const STRENGTH_SHOWN_FROM = 0.7;
/** Emotions at least this intense show `[intensity: x.x]`. */
const INTENSITY_SHOWN_FROM = 0.5;
/** The qualitative scores the protocol allows instead of numbers. */
const QUALITATIVE_SCORES: Readonly<Record<string, number>> = { explicit: 1, inferred: 0.75, assumed: 0.5 };

/**
 * Renders the blocks `## User Context` (sections `### Facts`, `### Preferences`,
 * `### Episodes`, `### Emotions`, `### Temporal Events`, `### Conversation
 * History`, each only when non-empty), `## Caller Profile` and `## Previous
 * Conversations`, separated by blank lines; `""` when all are empty. Temporal
 * events without a parseable `event_date` are left out, as the Python SDK
 * drops them when parsing. Deterministic for a given input.
 */
export function formatForPrompt(source: PromptContextSource, options: FormatForPromptOptions = {}): string {
  const blocks = [
    userContextBlock(source, options),
    profileBlock(source.profile),
    conversationsBlock(source),
  ];
  return blocks.filter((block) => block !== '').join('\n\n');
}

function userContextBlock(source: PromptContextSource, options: FormatForPromptOptions): string {
  const label = (item: RenderableItem): string | undefined => {
    if (options.include_scope_labels !== true) return undefined;
    const id = item['id'];
    const scope = typeof id === 'string' ? source.scope_map?.[id] : undefined;
    return scope === undefined ? undefined : `scope: ${scope}`;
  };
  const line = (text: string, ...extras: Array<string | undefined>): string => {
    const shown = extras.filter((extra): extra is string => extra !== undefined);
    return shown.length === 0 ? `- ${text}` : `- ${text} [${shown.join(', ')}]`;
  };
  const sections = [
    section(
      'Facts',
      (source.facts ?? []).map((item) => line(text(item, 'content'), label(item))),
    ),
    section(
      'Preferences',
      (source.preferences ?? []).map((item) => {
        const strength = score(item, 'strength');
        const shown = strength !== undefined && strength >= STRENGTH_SHOWN_FROM;
        return line(
          text(item, 'content'),
          shown ? `strength: ${oneDecimal(strength)}` : undefined,
          label(item),
        );
      }),
    ),
    section(
      'Episodes',
      (source.episodes ?? []).map((item) => line(text(item, 'summary', 'content'), label(item))),
    ),
    section(
      'Emotions',
      (source.emotions ?? []).map((item) => {
        const intensity = score(item, 'intensity');
        const shown = intensity !== undefined && intensity >= INTENSITY_SHOWN_FROM;
        const emotion = `${text(item, 'emotion_type', 'category')}: ${text(item, 'context', 'content')}`;
        return line(emotion, shown ? `intensity: ${oneDecimal(intensity)}` : undefined, label(item));
      }),
    ),
    section(
      'Temporal Events',
      (source.temporal_events ?? [])
        .filter((item) => isDate(item['event_date']))
        .map((item) => {
          const until = isDate(item['valid_until'])
            ? `valid until: ${isoDay(item['valid_until'])}`
            : undefined;
          return line(text(item, 'content'), until, label(item));
        }),
    ),
    typeof source.conversation_context === 'string' && source.conversation_context.trim() !== ''
      ? `### Conversation History\n${source.conversation_context}`
      : '',
  ].filter((entry) => entry !== '');
  return sections.length === 0 ? '' : `## User Context\n\n${sections.join('\n\n')}`;
}

function section(title: string, lines: string[]): string {
  return lines.length === 0 ? '' : `### ${title}\n${lines.join('\n')}`;
}

function profileBlock(profile: PromptContextSource['profile']): string {
  if (!isRecord(profile)) return '';
  const lines: string[] = [];
  const attributes = profile['attributes'];
  if (isRecord(attributes)) {
    for (const [name, attribute] of Object.entries(attributes)) {
      const value = isRecord(attribute) && 'value' in attribute ? attribute['value'] : attribute;
      const shown = attributeText(value);
      if (shown !== '') lines.push(`- ${name}: ${shown}`);
    }
  }
  const overview = profile['overview'];
  if (typeof overview === 'string' && overview.trim() !== '') lines.push(overview);
  return lines.length === 0 ? '' : `## Caller Profile\n${lines.join('\n')}`;
}

function attributeText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return value
      .map(attributeText)
      .filter((entry) => entry !== '')
      .join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function conversationsBlock(source: PromptContextSource): string {
  const calls = (source.conversations ?? []).filter(isRecord).map(conversationText);
  return calls.length === 0 ? '' : `## Previous Conversations\n\n${calls.join('\n\n')}`;
}

function conversationText(conversation: Readonly<Record<string, unknown>>): string {
  const when = ['started_at', 'ended_at', 'last_message_at'].map((key) => conversation[key]).find(isDate);
  const type = conversation['conversation_type'];
  const heading = `### Call on ${when === undefined ? 'unknown date' : isoDay(when)}${
    typeof type === 'string' && type !== '' ? ` (${type})` : ''
  }`;
  const lines = [heading];
  const overview = narrativeOf(conversation['summary']);
  if (overview !== undefined) lines.push(`Overview: ${overview}`);
  const classification = conversation['classification'];
  const outcome = isRecord(classification)
    ? ['primary_category', 'subcategory', 'objective']
        .map((key) => classification[key])
        .filter((part): part is string => typeof part === 'string' && part !== '')
    : [];
  if (outcome.length > 0) lines.push(`Outcome: ${outcome.join(' / ')}`);
  if (overview === undefined && outcome.length === 0) {
    const status = conversation['summary_status'];
    lines.push(`Status: ${typeof status === 'string' && status !== '' ? status : 'unknown'}`);
  }
  return lines.join('\n');
}

/** The narrative of a conversation summary: the first of `narrative_summary`, `overview`, `narrative`, `summary`. */
function narrativeOf(summary: unknown): string | undefined {
  if (typeof summary === 'string') return summary.trim() === '' ? undefined : summary;
  if (!isRecord(summary)) return undefined;
  for (const key of ['narrative_summary', 'overview', 'narrative', 'summary']) {
    const value = summary[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/** The first non-empty string among `keys` (a type-specific field, then its generic fallback), else `""`. */
function text(item: RenderableItem, ...keys: string[]): string {
  for (const key of keys) {
    const value = item[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

/** `key`, else the generic `confidence`, as a number; the qualitative strings map to 1.0 / 0.75 / 0.5. */
function score(item: RenderableItem, key: string): number | undefined {
  const value = item[key] ?? item['confidence'];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return QUALITATIVE_SCORES[value.trim().toLowerCase()];
  return undefined;
}

/**
 * One decimal, as Python's `f"{x:.1f}"`. `toFixed` rounds exact binary ties
 * up where Python rounds them to even, but in 0..1 the only such ties are 0.25
 * and 0.75, and they agree on 0.75, the only one that is ever shown.
 */
function oneDecimal(value: number): string {
  return value.toFixed(1);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Date.parse(value));
}

/** `YYYY-MM-DD` of an ISO timestamp: its own calendar date (the offset it was written in), as `strftime` gives. */
function isoDay(value: string): string {
  const prefix = /^\d{4}-\d{2}-\d{2}/.exec(value.trim());
  return prefix === null ? new Date(value).toISOString().slice(0, 10) : prefix[0];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
