import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngramStore, WorkerPool, WorkerPoolStatus } from '@engram/core';

/** Longest a readiness probe waits for the database before answering 503. */
const PROBE_TIMEOUT_MS = 2_000;

/** A listening health endpoint of a worker process. */
export interface WorkerHealthServer {
  url: string;
  /** Stops listening; idempotent. */
  close(): Promise<void>;
}

/** The worker's counters in the wire's snake_case. */
function wireStatus(status: WorkerPoolStatus): Record<string, unknown> {
  return {
    running: status.running,
    concurrency: status.concurrency,
    active: status.active,
    jobs_claimed: status.claimed,
    jobs_failed: status.failed,
    last_poll_at: status.lastPollAt ?? null,
    last_poll_error_at: status.lastPollErrorAt ?? null,
  };
}

/** Resolves true when the database answers a small read within the probe timeout. */
async function databaseAnswers(store: EngramStore): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([store.jobs.listNodes().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health` of `engram worker --health-port N` (readiness for an
 * orchestrator): 200 `{"status":"ok", "database":"reachable", "workers":
 * {…}}` while the workers run and the database answers a small read; else
 * 503 `{"detail": …}` with the same counters. Jobs claimed and failed since
 * start show whether the worker gets work. Every other path is 404.
 * Nothing here reads tenant data, so it needs no key; bind it to a private
 * interface (`host`).
 */
export async function startWorkerHealth(
  host: string,
  port: number,
  store: EngramStore,
  workers: WorkerPool,
): Promise<WorkerHealthServer> {
  const server: Server = createServer((request, response) => {
    const answer = (status: number, body: Record<string, unknown>) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' || path !== '/health') {
      answer(404, { detail: 'not found: a worker answers GET /health only' });
      return;
    }
    void (async () => {
      const status = workers.status();
      if (!status.running) {
        answer(503, { detail: 'the workers are not running', workers: wireStatus(status) });
        return;
      }
      if (!(await databaseAnswers(store))) {
        answer(503, { detail: 'the database is unreachable', workers: wireStatus(status) });
        return;
      }
      answer(200, { status: 'ok', role: 'worker', database: 'reachable', workers: wireStatus(status) });
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
