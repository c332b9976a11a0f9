import { EngramError } from '@engram/core';

/**
 * The lines of a byte stream (`\n` or `\r\n` separated), decoded as UTF-8,
 * read chunk by chunk so a large upload is never held as one string. Past
 * `maxBytes` it throws PAYLOAD_TOO_LARGE (a stream without a declared
 * length, or a file, is cut off there rather than read to the end).
 */
export async function* linesOf(
  stream: AsyncIterable<Uint8Array>,
  options: { maxBytes?: number } = {},
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  let bytes = 0;
  let pending = '';
  for await (const chunk of stream) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      throw new EngramError(
        'PAYLOAD_TOO_LARGE',
        `the archive exceeds the import limit of ${maxBytes} bytes`,
        {
          details: { limit: maxBytes },
        },
      );
    }
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending !== '') yield pending.replace(/\r$/, '');
}

/** A web stream of the generator's strings, encoded as UTF-8. */
export function streamOf(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
