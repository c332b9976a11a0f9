/**
 * Document parsing: one parser per document type behind {@link parseDocument},
 * turning raw text into the segments that extraction reads.
 */

export { parseChatConversation } from './chat-parser.js';
export type { EmailAttributes } from './email-parser.js';
export { parseEmail } from './email-parser.js';
export type { MeetingAttributes } from './meeting-transcript-parser.js';
export { parseMeetingTranscript } from './meeting-transcript-parser.js';
export type { ParseDocumentInput } from './parse-document.js';
export { parseDocument } from './parse-document.js';
export type { DocumentSection } from './prose-parser.js';
export { parseProseDocument } from './prose-parser.js';
export type { ActionItem, Decision } from './work-cues.js';
