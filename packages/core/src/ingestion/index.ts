/**
 * Offline ingestion front half: document parsers (one per document type behind
 * {@link parseDocument}) and the rule-based memory extractor, plus the date
 * resolver and sentence splitter they share, for callers that read queries the
 * same way.
 */

export type { DatePrecision } from './extraction/date-rendering.js';
export type { ResolvedDate } from './extraction/date-resolver.js';
export { applyResolvedDates, resolveDates } from './extraction/date-resolver.js';
export type { ExtractMemoriesOptions } from './extraction/rule-based-extractor.js';
export { extractMemories, RuleBasedExtractor } from './extraction/rule-based-extractor.js';
export type { ParseDocumentInput } from './parse-document.js';
export { parseDocument } from './parse-document.js';
export { parseChatConversation } from './parsers/chat-parser.js';
export type { EmailAttributes } from './parsers/email-parser.js';
export { parseEmail } from './parsers/email-parser.js';
export type { MeetingAttributes } from './parsers/meeting-transcript-parser.js';
export { parseMeetingTranscript } from './parsers/meeting-transcript-parser.js';
export type { DocumentSection } from './parsers/prose-parser.js';
export { parseProseDocument } from './parsers/prose-parser.js';
export type { ActionItem, Decision } from './parsers/work-cues.js';
export type { ReferenceTime } from './text/reference-time.js';
export { referenceTimeOf } from './text/reference-time.js';
export { splitSentences } from './text/sentence-splitter.js';
