/** A mailbox from a header: display name and address, either possibly missing. */
export interface Mailbox {
  /** "Alice Smith"; derived from the address ("alice.smith@x" → "Alice Smith") when not given. */
  name: string;
  address: string | undefined;
}

/** The headers an email parser reads. */
export interface EmailHeaders {
  from: Mailbox | undefined;
  to: Mailbox[];
  cc: Mailbox[];
  subject: string | undefined;
  /** The Date/Sent header as written. */
  date: string | undefined;
  /** The verbatim "Subject: ..." line, for evidence. */
  subjectLine: string | undefined;
  /** Lines consumed by the header block (including the blank line after it). */
  lineCount: number;
}

const HEADER = /^(from|to|cc|bcc|subject|date|sent|reply-to)\s*:\s*(.*)$/i;

function nameFromAddress(address: string): string {
  const local = address.split('@')[0] ?? address;
  return local
    .split(/[._-]+/)
    .filter((part) => part !== '' && !/^\d+$/.test(part))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/** Splits "A <a@x>, \"B, C\" <b@x>" at commas and semicolons outside quotes and angle brackets. */
function splitMailboxes(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const character of value) {
    if (character === '"') quoted = !quoted;
    else if (character === '<') angled = true;
    else if (character === '>') angled = false;
    if ((character === ',' || character === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Reads one mailbox: "Name <addr>", "\"Last, First\" <addr>", "addr" or a bare name. */
export function parseMailbox(value: string): Mailbox | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const angled = /^(.*?)\s*<([^>]+)>\s*$/.exec(text);
  if (angled !== null) {
    const address = (angled[2] ?? '').trim();
    let name = (angled[1] ?? '').replace(/^["']|["']$/g, '').trim();
    const reversed = /^([^,]+),\s*(.+)$/.exec(name);
    if (reversed !== null) name = `${reversed[2]} ${reversed[1]}`;
    return { name: name === '' ? nameFromAddress(address) : name, address };
  }
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { name: nameFromAddress(text), address: text };
  return { name: text.replace(/^["']|["']$/g, ''), address: undefined };
}

/**
 * Reads the header block at the top of an email (From, To, Cc, Subject, Date,
 * Sent; folded continuation lines included) up to the first blank or non-header
 * line. An email without headers gives empty fields and `lineCount` 0.
 */
export function parseEmailHeaders(lines: readonly string[]): EmailHeaders {
  const headers: EmailHeaders = {
    from: undefined,
    to: [],
    cc: [],
    subject: undefined,
    date: undefined,
    subjectLine: undefined,
    lineCount: 0,
  };
  const values: Array<[string, string, string]> = [];
  let index = 0;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index += 1;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const header = HEADER.exec(line.trim());
    const last = values[values.length - 1];
    if (header !== null)
      values.push([(header[1] ?? '').toLowerCase(), (header[2] ?? '').trim(), line.trim()]);
    else if (/^\s+\S/.test(line) && last !== undefined) last[1] += ` ${line.trim()}`;
    else break;
  }
  if (values.length === 0) return headers;
  if (index < lines.length && (lines[index] ?? '').trim() === '') index += 1;
  headers.lineCount = index;
  for (const [key, value, line] of values) {
    if (key === 'from' && headers.from === undefined)
      headers.from = parseMailbox(splitMailboxes(value)[0] ?? '');
    else if (key === 'to')
      headers.to.push(...splitMailboxes(value).flatMap((part) => parseMailbox(part) ?? []));
    else if (key === 'cc')
      headers.cc.push(...splitMailboxes(value).flatMap((part) => parseMailbox(part) ?? []));
    else if (key === 'subject' && headers.subject === undefined) {
      headers.subject = value;
      headers.subjectLine = line;
    } else if ((key === 'date' || key === 'sent') && headers.date === undefined) headers.date = value;
  }
  return headers;
}
