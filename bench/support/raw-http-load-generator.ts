import { connect, type Socket } from 'node:net';
import { type ClosedLoopOptions, LoadRecorder, type LoadResult } from './http-load-generator.js';

/**
 * The closed loop of {@link ClosedLoopOptions} over bare keep-alive sockets:
 * each request is written as one pre-formatted HTTP/1.1 message and the
 * response is read by its status line and Content-Length, with none of
 * `node:http`'s client machinery. On a box where the load generator shares
 * the cores with the server, Node's own client costs more CPU per request
 * than a light route on the server, so it, not the server, set the ceiling.
 * Responses must carry Content-Length (Engram's JSON answers do); anything
 * else ends the connection and counts as an error.
 */
export async function runRawClosedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  const headerLines = Object.entries(options.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  let sequence = 0;
  const measureFrom = performance.now() + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  const recorder = new LoadRecorder(measureFrom, options.windowMs);

  const user = async () => {
    const socket = await open(url);
    const reader = new ResponseReader(socket);
    try {
      while (performance.now() < stopAt) {
        const request = options.nextRequest(sequence++);
        const body = request.body ?? '';
        const message =
          `${request.method} ${request.path} HTTP/1.1\r\nhost: ${url.host}\r\n${headerLines}` +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        const began = performance.now();
        socket.write(message);
        const status = await reader.next();
        recorder.record(began, performance.now(), status);
        if (status === 0) break;
      }
    } finally {
      socket.destroy();
    }
  };
  await Promise.all(Array.from({ length: options.connections }, user));
  return recorder.result();
}

function open(url: URL): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

/** Reads whole responses off one socket, one at a time; resolves each with its status (0: broken). */
class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | undefined;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.settle();
    });
    const broken = () => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(0);
    };
    socket.on('close', broken);
    socket.on('error', broken);
  }

  next(): Promise<number> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.settle();
    });
  }

  private settle(): void {
    if (this.waiting === undefined) return;
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.buffer.subarray(0, headerEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    const waiting = this.waiting;
    if (length === undefined) {
      this.waiting = undefined;
      waiting(0);
      return;
    }
    const total = headerEnd + 4 + Number(length);
    if (this.buffer.length < total) return;
    this.buffer = this.buffer.subarray(total);
    this.waiting = undefined;
    waiting(status);
  }
}
