import * as chrono from 'chrono-node';
import type { DocumentSegment, ParsedDocument } from '../domain/memory.js';
import { type ReferenceTime, referenceTimeOf } from '../text/reference-time.js';
import { splitSentences } from '../text/sentence-splitter.js';
import { splitEmailBody } from './email-body.js';
import { parseEmailHeaders } from './email-headers.js';
import { chunkProse } from './prose-chunker.js';
import { type ActionItem, findActionItem } from './work-cues.js';

/** `attributes` of a parsed email. */
export interface EmailAttributes {
  format: 'email';
  /** Sender's name (from the address when no display name). */
  sender: string | undefined;
  senderAddress: string | undefined;
  /** To: names, in order. */
  recipients: string[];
  /** Cc: names, in order. */
  cc: string[];
  subject: string | undefined;
  /** The Date header as ISO-8601 when it parses, else as written. */
  date: string | undefined;
  actionItems: ActionItem[];
  /** Quoted replies and forwarded text, kept out of the segments. */
  quotedText: string | undefined;
  signature: string | undefined;
  greeting: string | undefined;
}

function parseHeaderDate(value: string | undefined, reference: ReferenceTime): string | undefined {
  if (value === undefined) return undefined;
  const direct = Date.parse(value);
  if (!Number.isNaN(direct)) return new Date(direct).toISOString();
  try {
    const result = chrono.parse(value, { instant: reference.instant, timezone: reference.offsetMinutes })[0];
    return result === undefined ? value : result.start.date().toISOString();
  } catch {
    return value;
  }
}

/**
 * Parses an `email`: headers into `attributes` (sender, recipients, cc, subject,
 * date), quoted replies, signature and greeting set apart, the subject and body
 * paragraphs as segments spoken by the sender (timestamp: the Date header, else
 * `createdAt`), and requests and commitments in `attributes.actionItems`.
 * Text without headers is all body with no known sender. Never throws on odd text.
 */
export function parseEmail(text: string, createdAt: string): ParsedDocument {
  const reference = referenceTimeOf(createdAt);
  const lines = text.split(/\r\n|\r|\n/);
  const headers = parseEmailHeaders(lines);
  const body = splitEmailBody(lines.slice(headers.lineCount));
  const sender = headers.from?.name;
  const recipients = headers.to.map((mailbox) => mailbox.name);
  const cc = headers.cc.map((mailbox) => mailbox.name);
  const date = parseHeaderDate(headers.date, reference);
  const timestamp = date !== undefined && !Number.isNaN(Date.parse(date)) ? date : createdAt;
  const segments: DocumentSegment[] = [];
  const subject = headers.subject?.replace(/^(?:(?:re|fwd?|aw)\s*:\s*)+/i, '').trim();
  if (subject !== undefined && subject !== '' && headers.subjectLine !== undefined) {
    segments.push({ index: 0, speaker: sender, text: subject, sourceLine: headers.subjectLine, timestamp });
  }
  for (const chunk of chunkProse(body.text)) {
    segments.push({
      index: segments.length,
      speaker: sender,
      text: chunk.text,
      sourceLine: chunk.sourceLine,
      timestamp,
    });
  }
  const names = [sender, ...recipients, ...cc].filter(
    (name): name is string => name !== undefined && name !== '',
  );
  const actionItems: ActionItem[] = [];
  const segmentReference = { instant: new Date(timestamp), offsetMinutes: reference.offsetMinutes };
  for (const segment of segments) {
    for (const sentence of splitSentences(segment.text)) {
      const item = findActionItem(sentence, {
        speaker: sender,
        addressee: recipients.length === 1 ? recipients[0] : undefined,
        names,
        reference: segmentReference,
        segmentIndex: segment.index,
      });
      if (item !== undefined) actionItems.push(item);
    }
  }
  const attributes: EmailAttributes = {
    format: 'email',
    sender,
    senderAddress: headers.from?.address,
    recipients,
    cc,
    subject: headers.subject,
    date,
    actionItems,
    quotedText: body.quoted === '' ? undefined : body.quoted,
    signature: body.signature,
    greeting: body.greeting,
  };
  return {
    documentType: 'email',
    createdAt,
    segments,
    participants: [...new Set(names)],
    attributes: { ...attributes },
  };
}
