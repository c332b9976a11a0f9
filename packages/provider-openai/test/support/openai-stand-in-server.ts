import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The OpenAI routes the stand-in serves. */
export type StandInRoute = 'chat' | 'embeddings';

/** One queued answer. */
export interface CannedResponse {
  /** HTTP status; default 200. */
  status?: number;
  /** Sent as a JSON body (a recorded fixture). */
  json?: unknown;
  /** Sent verbatim instead of `json` (malformed-body tests). */
  body?: string;
  headers?: Record<string, string>;
  /** Waits this long before answering (timeout tests). */
  delayMs?: number;
  /** Destroys the connection instead of answering (network-failure tests). */
  dropConnection?: boolean;
}

/** A request the stand-in received. */
export interface RecordedRequest {
  route: StandInRoute | 'unknown';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** `rawBody` parsed as JSON; undefined when it was not JSON. */
  body: unknown;
}

/** A running stand-in; see {@link startOpenAIStandInServer}. */
export interface OpenAIStandInServer {
  /** "http://127.0.0.1:<port>/v1": what an adapter's `baseUrl` should be. */
  readonly baseUrl: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for a route; each request takes the next one. */
  enqueue(route: StandInRoute, ...responses: CannedResponse[]): void;
  /** Answers still queued for a route. */
  pending(route: StandInRoute): number;
  /** Stops listening, drops open connections and pending delays. */
  close(): Promise<void>;
}

const ROUTES: Record<string, StandInRoute> = {
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embeddings',
};

/**
 * Starts a real HTTP server on 127.0.0.1 (a free port) that speaks the
 * OpenAI protocol from queued, recorded responses: `POST /v1/chat/completions`
 * and `POST /v1/embeddings`. It records every request; an unknown route
 * answers 404 and an empty queue 500, both in OpenAI's error shape, so a
 * test that sends more requests than it queued fails visibly.
 */
export async function startOpenAIStandInServer(): Promise<OpenAIStandInServer> {
  const queues: Record<StandInRoute, CannedResponse[]> = { chat: [], embeddings: [] };
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((request, response) => {
    void readBody(request).then((rawBody) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const route = request.method === 'POST' ? (ROUTES[path] ?? 'unknown') : 'unknown';
      requests.push({
        route,
        method: request.method ?? '',
        path,
        headers: request.headers,
        rawBody,
        body: parse(rawBody),
      });
      if (route === 'unknown')
        return sendError(response, 404, 'invalid_request_error', `Unknown route ${path}`);
      const canned = queues[route].shift();
      if (canned === undefined)
        return sendError(response, 500, 'server_error', `stand-in: nothing queued for ${route}`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(response, canned);
      }, canned.delayMs ?? 0);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (route, ...responses) => {
      queues[route].push(...responses);
    },
    pending: (route) => queues[route].length,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(response: ServerResponse, canned: CannedResponse): void {
  if (canned.dropConnection === true) {
    response.socket?.destroy();
    return;
  }
  const body = canned.body ?? JSON.stringify(canned.json ?? {});
  response.writeHead(canned.status ?? 200, { 'content-type': 'application/json', ...canned.headers });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A client that aborts mid-body still gets its partial request recorded.
    request.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}
