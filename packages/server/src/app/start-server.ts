import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { EngramConfig } from '@engram/core';
import { SqliteEngramStore, type VectorCacheWarmup } from '@engram/store-sqlite';
import { serve } from '@hono/node-server';
import type { Logger } from '../logger.js';
import { ExtractionThreadPool } from '../workers/extraction-thread-pool.js';
import { RetrievalThreadPool } from '../workers/retrieval-thread-pool.js';
import { createApp } from './create-app.js';
import { ensureDefaultInstance } from './default-instance.js';
import { createEngramServices, type EngramServices } from './engram-services.js';
import { modelCacheDirectory } from './model-providers.js';
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

/** The SQLite file inside a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'engram.db');
}

/**
 * Opens the embedded store under `config.dataDir`, creates the default
 * instance on first start (when enabled), and listens. Logs a
 * `server-listening` line with the URL, which scripts wait for.
 */
export async function startServer(config: EngramConfig, logger: Logger): Promise<RunningServer> {
  const store = SqliteEngramStore.open(databasePath(config.dataDir), {
    vectorCacheBytes: vectorCacheBytesOf(config),
  });
  let extractionThreads: ExtractionThreadPool | undefined;
  const services = createEngramServices({ config, logger, store });
  if (config.bootstrapDefaultInstance) await ensureDefaultInstance(services);
  if (config.workerConcurrency > 0) {
    // Load the embedder before serving so the first ingestion does not pay for it.
    await services.embedder();
    // Extraction threads only serve the offline extractor; an LLM extractor waits on the network, not the CPU.
    if (config.extractionThreads > 0 && config.extractor === 'rules') {
      extractionThreads = new ExtractionThreadPool(config.extractionThreads, logger, {
        // The threads embed too when the embedder is the offline one (same cache, same vectors).
        gloveCacheDir: config.embedder === 'glove' ? modelCacheDirectory(config) : undefined,
      });
      const pool = extractionThreads;
      services.extraction.analyze = (input) => pool.analyze(input);
    }
    services.workers.start();
  }
  let retrievalThreads: RetrievalThreadPool | undefined;
  if (config.retrievalThreads > 0) {
    retrievalThreads = new RetrievalThreadPool(config.retrievalThreads, logger, {
      databasePath: databasePath(config.dataDir),
      config,
    });
    services.retrieval.offload = retrievalThreads;
  }
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
      ? startVectorCacheWarmup(config, store, services.embedder, logger)
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
        .then(() => warmup?.stop())
        .then(() => services.compactionScheduler.stop())
        .then(() => services.workers.stop())
        .then(() => extractionThreads?.close())
        .then(() => retrievalThreads?.close())
        .then(() => store.close());
      return closing;
    },
  };
}
