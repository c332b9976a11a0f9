/**
 * The text of a document as sent: strings as is; objects (the wire allows
 * them) rendered as `key: value` lines, nested values as compact JSON, so
 * structured profiles become extractable sentences.
 */
export function documentToText(document: string | Record<string, unknown>): string {
  if (typeof document === 'string') return document;
  return Object.entries(document)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}
