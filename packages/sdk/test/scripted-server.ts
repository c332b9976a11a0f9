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

/** A running scripted server. */
export interface ScriptedServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port, standing in for the
 * network: it answers the n-th request with `script[n]` (the last entry repeats
 * once the script runs out) and records every request.
 */
export async function startScriptedServer(script: ScriptedResponse[]): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = requests.length;
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: performance.now(),
      });
      const scripted = script[Math.min(index, script.length - 1)] ?? { status: 500, body: 'empty script' };
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
      if (scripted.delayMs === undefined) answer();
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) answer();
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
  script: ScriptedResponse[],
  body: (server: ScriptedServer) => Promise<T>,
): Promise<T> {
  const server = await startScriptedServer(script);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}
