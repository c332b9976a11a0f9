/**
 * Memory extraction from parsed segments: the rule-based extractor (offline,
 * `rule-based/`) and the LLM extractor (`llm/`), with the date resolver the
 * rule-based one shares with callers that read queries the same way.
 */

export type { DatePrecision } from './rule-based/date-rendering.js';
export type { ResolvedDate } from './rule-based/date-resolver.js';
export { applyResolvedDates, resolveDates } from './rule-based/date-resolver.js';
export type { ExtractMemoriesOptions } from './rule-based/rule-based-extractor.js';
export { extractMemories, RuleBasedExtractor } from './rule-based/rule-based-extractor.js';
