import type { DocumentType, ParsedDocument } from '../domain/memory.js';
import { parseChatConversation } from './chat-parser.js';
import { parseEmail } from './email-parser.js';
import { parseMeetingTranscript } from './meeting-transcript-parser.js';
import { parseProseDocument } from './prose-parser.js';

/** What {@link parseDocument} reads. */
export interface ParseDocumentInput {
  text: string;
  documentType: DocumentType;
  /** ISO-8601; segment times and relative dates resolve against it. */
  createdAt: string;
}

/**
 * Splits a document into segments by its type: `ai-chat-conversation` into speaker
 * turns, `email` into subject and body paragraphs with headers in `attributes`,
 * `meeting-transcript` into turns with attendees, decisions and action items, and
 * `document`, `pdf`, `image` and `audio` (all text) into paragraph and sentence
 * chunks. Every segment's `sourceLine` is verbatim document text. Malformed text
 * yields fewer segments and empty text none; only an invalid `createdAt` or an
 * unknown type (programmer errors) throw, as RangeError.
 */
export function parseDocument(input: ParseDocumentInput): ParsedDocument {
  const text = input.text.replace(/^\uFEFF/, '');
  switch (input.documentType) {
    case 'ai-chat-conversation':
      return parseChatConversation(text, input.createdAt);
    case 'email':
      return parseEmail(text, input.createdAt);
    case 'meeting-transcript':
      return parseMeetingTranscript(text, input.createdAt);
    case 'document':
    case 'pdf':
    case 'image':
    case 'audio':
      return parseProseDocument(text, input.createdAt, input.documentType);
    default:
      throw new RangeError(`unknown document type: ${String(input.documentType satisfies never)}`);
  }
}
