import type { AddressInfo } from 'node:net';
import type { EngramConfig, VectorCacheWarmup } from '@engram/core';
import { serve } from '@hono/node-server';
import type { Logger } from '../logger.js';
import { RetrievalThreadPool } from '../workers/retrieval-thread-pool.js';
import { createModelAdapters, openStore } from './adapters.js';
import { prepareBackgroundWork, startBackgroundWork, stopBackgroundWork } from './background-work.js';
import { createApp } from './create-app.js';
import { ensureDefaultInstance } from './default-instance.js';
import { createEngramServices, type EngramServices } from './engram-services.js';
import { startVectorCacheWarmup, vectorCacheBytesOf } from './vector-cache-warmup.js';

/** A running server. */
export interface RunningServer {
  /** `http://host:port`, with the real port when 0 was asked for. */
  url: string;
  services: EngramServices;
  /**
   * What the start-up fill of the in-process vector copy copied, once it has
   * ended; undefined at once when it is off or runs on retrieval threads,
   * and when it failed. Never rejects.
   */
  vectorCacheWarmup: Promise<VectorCacheWarmup | undefined>;
  /** Stops accepting connections, waits for in-flight requests, closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the configured store (see adapters.ts), builds its threads and then
 * the services over them, creates the default instance on first start (when
 * enabled), and listens. Logs a `server-listening` line with the URL, which
 * scripts wait for.
 */
export async function startServer(config: EngramConfig, logger: Logger): Promise<RunningServer> {
  const store = await openStore(config, {
    role: 'primary',
    vectorCacheBytes: vectorCacheBytesOf(config),
    backgroundCheckpoints: true,
  });
  const models = createModelAdapters(config, logger);
  const runsWorkers = config.workerConcurrency > 0;
  // An API-only node (workerConcurrency 0) loads the embedder on its first fetch and starts no extraction threads.
  const background = runsWorkers ? await prepareBackgroundWork(config, models, logger) : undefined;
  // Each retrieval thread opens a reader of its own: only stores that declare them get threads.
  let retrievalThreads: RetrievalThreadPool | undefined;
  if (config.retrievalThreads > 0 && store.capabilities.sharedReaders === true) {
    retrievalThreads = new RetrievalThreadPool(config.retrievalThreads, logger, { config });
  } else if (config.retrievalThreads > 0) {
    logger.warn('retrieval-threads-unsupported', { engine: store.capabilities.engine });
  }
  const services = createEngramServices({
    config,
    logger,
    store,
    models,
    collaborators: { analyze: background?.analyze, retrieval: retrievalThreads },
  });
  // Changes committed by other nodes drop this node's caches (PostgreSQL's LISTEN/NOTIFY; decision 0059).
  const unsubscribe = store.changes?.subscribe(services.applyStoreChange);
  if (config.bootstrapDefaultInstance) await ensureDefaultInstance(services);
  // Jobs, deliveries and sweeps belong to processes that run background work.
  if (runsWorkers) startBackgroundWork(services);
  services.compactionScheduler.start();
  const app = createApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve(
      {
        fetch: app.fetch,
        hostname: config.host,
        port: config.port,
        // A request must arrive whole in time: slow-loris clients cannot hold sockets open.
        serverOptions: {
          headersTimeout: Math.min(config.headersTimeoutMs, config.requestTimeoutMs),
          requestTimeout: config.requestTimeoutMs,
          // Node checks both timeouts on this interval (30 s by default, which would stretch a 10 s limit to 40 s).
          connectionsCheckingInterval: 1_000,
        },
      },
      () => resolve(instance),
    );
    instance.once('error', reject);
  });
  (server as unknown as { maxConnections: number }).maxConnections = config.maxConnections;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info('server-listening', { url, data_dir: config.dataDir });
  // With retrieval threads the main thread ranks nothing: each thread warms its own copy.
  const warmup =
    retrievalThreads === undefined
      ? startVectorCacheWarmup(config, store, models.embedder, logger)
      : undefined;
  let closing: Promise<void> | undefined;
  return {
    url,
    services,
    vectorCacheWarmup: warmup?.done ?? Promise.resolve(undefined),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open; end the idle ones now.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      })
        .then(() => unsubscribe?.())
        .then(() => warmup?.stop())
        .then(() => services.compactionScheduler.stop())
        .then(() => stopBackgroundWork(services))
        .then(() => background?.close())
        .then(() => retrievalThreads?.close())
        // Last write of all: erased text out of the full-text index and the log.
        .then(() => services.erasure.flush())
        .then(() => store.close());
      return closing;
    },
  };
}
