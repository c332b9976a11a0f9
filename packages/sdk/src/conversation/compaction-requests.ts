import { COMPACTED_FORMATS, COMPACTION_LEVELS } from '@engram/protocol';
import { InvalidInputError } from '../errors/synap-error.js';
import {
  assertConversationId,
  assertIntegerInRange,
  assertOneOf,
  assertOptionalBoolean,
  assertRecord,
} from '../input-validation.js';
import type { CompactInput, GetCompactedInput } from './compaction-inputs.js';

/**
 * Validates a `compact` input and builds the E10 body as the Python SDK sends
 * it: `{conversation_id, strategy, target_tokens, force}` with nulls for unset
 * values. `compaction_level` is folded into `strategy`. Throws before sending.
 */
export function compactBody(input: CompactInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertConversationId(input.conversation_id);
  const strategy = input.strategy ?? null;
  const level = input.compaction_level ?? null;
  if (strategy !== null) assertOneOf(strategy, COMPACTION_LEVELS, 'strategy');
  if (level !== null) assertOneOf(level, COMPACTION_LEVELS, 'compaction_level');
  if (strategy !== null && level !== null && strategy !== level) {
    throw new InvalidInputError('strategy and compaction_level are aliases; give one, or the same value');
  }
  if (input.target_tokens !== null) {
    assertIntegerInRange(input.target_tokens, 1, Number.MAX_SAFE_INTEGER, 'target_tokens');
  }
  assertOptionalBoolean(input.force, 'force');
  return {
    conversation_id: input.conversation_id,
    strategy: strategy ?? level,
    target_tokens: input.target_tokens ?? null,
    force: input.force ?? false,
  };
}

/** Validates a `getCompacted` input and returns its E11 query (`format`, and `version` when given). */
export function compactedQuery(input: GetCompactedInput): { format: string; version: number | undefined } {
  assertRecord(input, 'input');
  assertConversationId(input.conversation_id);
  assertOneOf(input.format, COMPACTED_FORMATS, 'format');
  if (input.version !== null) {
    assertIntegerInRange(input.version, 0, Number.MAX_SAFE_INTEGER, 'version');
  }
  return { format: input.format ?? 'structured', version: input.version ?? undefined };
}
