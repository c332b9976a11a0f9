import type { z } from 'zod';

/** One schema problem, by path and zod code; `message` is meant for the model, not for logs. */
export interface JsonTextIssue {
  path: string;
  code: string;
  message: string;
}

/** Outcome of {@link parseJsonText}. */
export type ParseJsonTextResult<T> =
  | { success: true; data: T }
  | { success: false; reason: 'no-json' | 'schema-mismatch'; issues: JsonTextIssue[] };

// Bounds the work on long, JSON-free replies; real answers put the JSON in the first few brackets.
const MAX_CANDIDATES = 16;
const MAX_ISSUES = 10;

/**
 * Reads one JSON value out of an LLM reply, tolerantly: drops `<think>`
 * blocks, prefers the content of a ```json fence, then the whole reply, then
 * each balanced `{...}`/`[...]` in order, and returns the first candidate
 * that both parses and matches `schema`. Never throws on bad text. When none
 * matches, `issues` comes from the first candidate that parsed (empty with
 * reason `no-json` when nothing parsed).
 */
export function parseJsonText<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
): ParseJsonTextResult<z.output<Schema>> {
  let firstIssues: JsonTextIssue[] | undefined;
  for (const candidate of jsonCandidates(text)) {
    const parsed = tryParseJson(candidate);
    if (!parsed.ok) continue;
    const checked = schema.safeParse(parsed.value);
    if (checked.success) return { success: true, data: checked.data };
    firstIssues ??= checked.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      code: issue.code,
      message: issue.message,
    }));
  }
  return firstIssues === undefined
    ? { success: false, reason: 'no-json', issues: [] }
    : { success: false, reason: 'schema-mismatch', issues: firstIssues };
}

/** JSON.parse without throwing. */
function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Candidate JSON texts, most likely first. */
function* jsonCandidates(reply: string): Generator<string> {
  // Reasoning models served through Ollama or vLLM prefix their answer with a think block.
  const text = reply.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const fence = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/.exec(text);
  if (fence?.[1] !== undefined) yield fence[1].trim();
  yield text;
  let produced = 0;
  for (let start = 0; start < text.length && produced < MAX_CANDIDATES; start++) {
    const character = text[start];
    if (character !== '{' && character !== '[') continue;
    const end = balancedEnd(text, start);
    if (end === undefined) continue;
    produced++;
    yield text.slice(start, end + 1);
  }
}

/** Index of the bracket closing the one at `start`, skipping brackets inside strings. */
function balancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return undefined;
}
