import type { IncomingMessage } from 'node:http';
import { EngramError } from '@engram/core';

/** Most bytes read and discarded from a refused oversized body before answering. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** The 400 a body over `limit` bytes gets (the Synap wire form names the limit). */
export function payloadTooLarge(limit: number): EngramError {
  return new EngramError('PAYLOAD_TOO_LARGE', `the request body exceeds the limit of ${limit} bytes`, {
    details: { limit_bytes: limit },
  });
}

/**
 * How many bytes of a refused body are read and discarded before answering,
 * so the client receives the 400 instead of a reset connection (which SDKs
 * report as a network error and retry); past this the connection is dropped.
 */
export function drainCap(limit: number): number {
  return Math.max(MAX_DRAIN_BYTES, limit * 4);
}

/**
 * Reads and discards the rest of a refused body (up to {@link drainCap}).
 */
export async function drainRequestBody(
  incoming: AsyncIterable<Buffer> | undefined,
  limit: number,
): Promise<void> {
  if (!incoming) return;
  let drained = 0;
  const cap = drainCap(limit);
  try {
    for await (const chunk of incoming) {
      drained += chunk.length;
      if (drained > cap) break;
    }
  } catch {
    // The client went away; nothing to answer.
  }
}

/**
 * The 400 for a request whose declared Content-Length is over `limit`,
 * answered before a byte of the body is read, or undefined when the
 * declaration is within the limit (or absent: chunked bodies are counted as
 * they arrive). Nothing is drained: the declaration may be a lie with no body
 * behind it (`Content-Length: 99999999999` and silence held the connection
 * until the client gave up), so the answer carries `Connection: close` and
 * Node drops whatever the client still sends.
 */
export function declaredOversize(contentLength: string | undefined, limit: number): EngramError | undefined {
  if (contentLength === undefined) return undefined;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit ? payloadTooLarge(limit) : undefined;
}

/**
 * A request body as UTF-8 text, at most `maxBytes` bytes, else a
 * PAYLOAD_TOO_LARGE error (400) once the rest has been drained.
 *
 * On Node the body is read straight from the socket's `IncomingMessage`:
 * going through the web `Request` (as Hono's body-limit middleware does by
 * touching `request.body`) builds a WHATWG stream per request, which cost
 * more CPU than ranking a small fetch's full-text hits. A declared
 * Content-Length over the limit is refused before this runs (see
 * {@link declaredOversize}); a chunked body is counted as it arrives and
 * never held beyond the limit. Elsewhere (Hono's
 * `app.request` in tests, other runtimes) the web `Request` is read and
 * measured.
 */
export async function readBodyText(
  request: Request,
  incoming: IncomingMessage | undefined,
  maxBytes: number,
): Promise<string> {
  if (incoming === undefined) {
    const text = await request.text();
    if (Buffer.byteLength(text) > maxBytes) throw payloadTooLarge(maxBytes);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the loop keeps reading (without keeping) up to the drain
  // cap: leaving a for-await early destroys the socket's request stream.
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else if (size > drainCap(maxBytes)) break;
  }
  if (size > maxBytes) throw payloadTooLarge(maxBytes);
  return (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8');
}
