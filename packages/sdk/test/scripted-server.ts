import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of {@link startScriptedServer}. */
export interface ScriptedResponse {
  status: number;
  /** An object is sent as JSON; a string is sent as is. */
  body?: string | Record<string, unknown>;
  headers?: Record<string, string>;
  /** Wait this long before answering (to provoke client timeouts). */
  delayMs?: number;
  /** Drop the connection without answering (a "peer closed" network failure). */
  destroy?: boolean;
  /** Answer only once this settles (after `delayMs`), e.g. once other requests have arrived. */
  until?: Promise<unknown>;
}

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
}

/**
 * What the server answers: a list (the n-th request gets the n-th entry, the
 * last one repeating), or a function of the request, for calls sent in
 * parallel whose arrival order is not fixed.
 */
export type Script = ScriptedResponse[] | ((request: RecordedRequest, index: number) => ScriptedResponse);

/** A running scripted server. */
export interface ScriptedServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port, standing in for the
 * network: it answers each request from `script` (see {@link Script}) and
 * records every request.
 */
export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = requests.length;
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: performance.now(),
      };
      requests.push(recorded);
      const scripted =
        typeof script === 'function'
          ? script(recorded, index)
          : (script[Math.min(index, script.length - 1)] ?? { status: 500, body: 'empty script' });
      const answer = () => {
        if (scripted.destroy) {
          request.socket.destroy();
          return;
        }
        const isJson = typeof scripted.body === 'object';
        const payload = isJson ? JSON.stringify(scripted.body) : (scripted.body ?? '');
        response.writeHead(scripted.status, {
          'content-type': isJson ? 'application/json' : 'text/plain',
          ...scripted.headers,
        });
        response.end(payload);
      };
      const answerWhenReleased = () => {
        if (scripted.until === undefined) answer();
        else
          scripted.until.then(
            () => response.destroyed || answer(),
            () => request.socket.destroy(),
          );
      };
      if (scripted.delayMs === undefined) answerWhenReleased();
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) answerWhenReleased();
        }, scripted.delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Runs `body` against a fresh scripted server and always closes it. */
export async function withServer<T>(
  script: Script,
  body: (server: ScriptedServer) => Promise<T>,
): Promise<T> {
  const server = await startScriptedServer(script);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}
