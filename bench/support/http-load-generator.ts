import http from 'node:http';
import { type LatencySummary, summariseLatencies } from './latency-stats.js';

/** One request a virtual user sends. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** Options of {@link runClosedLoop}. */
export interface ClosedLoopOptions {
  baseUrl: string;
  headers: Record<string, string>;
  /** Concurrent keep-alive connections, each one request at a time. */
  connections: number;
  durationMs: number;
  /** Requests in this first window are sent but not measured. */
  warmupMs: number;
  /** Builds the next request; `sequence` counts per run. */
  nextRequest(sequence: number): LoadRequest;
  /** Ends the run once this many requests were sent after the warm-up (default: the duration alone ends it). */
  stopAfter?: number;
  /** When set, also summarises each window of this length (by completion time) after the warm-up. */
  windowMs?: number;
}

/** One window of a run (see {@link ClosedLoopOptions.windowMs}). */
export interface LoadWindow {
  /** Start of the window, in seconds after the warm-up. */
  startSeconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
}

/** What a run measured. */
export interface LoadResult {
  requests: number;
  errors: number;
  /** Status codes other than 200 seen, with counts. */
  statuses: Record<string, number>;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Per-window summaries, when `windowMs` was given. */
  windows?: LoadWindow[];
}

/**
 * A closed-loop HTTP load generator: `connections` virtual users each send a
 * request, wait for the whole response, and send the next, over keep-alive
 * sockets, until the duration ends. Every latency is recorded, so the
 * percentiles are exact (no histogram buckets). Bounded in time; loopback only.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  let sequence = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  const recorder = new LoadRecorder(measureFrom, options.windowMs);

  const send = (request: LoadRequest) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: {
            ...options.headers,
            ...(request.body !== undefined && { 'content-length': Buffer.byteLength(request.body) }),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(request.body);
    });

  const limit = options.stopAfter ?? Number.POSITIVE_INFINITY;
  let started = 0;
  const user = async () => {
    while (performance.now() < stopAt) {
      if (performance.now() >= measureFrom && started >= limit) break;
      if (performance.now() >= measureFrom) started += 1;
      const request = options.nextRequest(sequence++);
      const began = performance.now();
      const status = await send(request);
      const ended = performance.now();
      recorder.record(began, ended, status);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, user));
  agent.destroy();
  return recorder.result();
}

/** Collects one closed-loop run's requests (those begun after the warm-up) into a {@link LoadResult}. */
export class LoadRecorder {
  private readonly latencies: number[] = [];
  private readonly completedAt: number[] = [];
  private readonly statuses: Record<string, number> = {};
  private errors = 0;

  /** `measureFrom`: the end of the warm-up, on `performance.now()`'s clock. */
  constructor(
    private readonly measureFrom: number,
    private readonly windowMs: number | undefined,
  ) {}

  /** Notes one request; one begun during the warm-up is not counted. */
  record(began: number, ended: number, status: number): void {
    if (began < this.measureFrom) return;
    this.latencies.push(ended - began);
    this.completedAt.push(ended - this.measureFrom);
    if (status === 200) return;
    this.errors += 1;
    this.statuses[String(status)] = (this.statuses[String(status)] ?? 0) + 1;
  }

  /** The run's figures, its length counted from the end of the warm-up to now. */
  result(): LoadResult {
    const seconds = (performance.now() - this.measureFrom) / 1000;
    return {
      requests: this.latencies.length,
      errors: this.errors,
      statuses: this.statuses,
      seconds,
      requestsPerSecond: this.latencies.length / seconds,
      latency: summariseLatencies(this.latencies),
      ...(this.windowMs !== undefined && {
        windows: windowsOf(this.latencies, this.completedAt, this.windowMs, seconds * 1000),
      }),
    };
  }
}

/** Latencies grouped by completion time into windows of `windowMs`; a last partial window counts its own length. */
function windowsOf(
  latencies: readonly number[],
  completedAt: readonly number[],
  windowMs: number,
  totalMs: number,
): LoadWindow[] {
  const groups: number[][] = [];
  latencies.forEach((latency, index) => {
    const window = Math.floor((completedAt[index] as number) / windowMs);
    const group = groups[window];
    if (group === undefined) groups[window] = [latency];
    else group.push(latency);
  });
  return Array.from({ length: Math.ceil(totalMs / windowMs) }, (_, window) => {
    const group = groups[window] ?? [];
    const lengthMs = Math.min(windowMs, totalMs - window * windowMs);
    return {
      startSeconds: (window * windowMs) / 1000,
      requestsPerSecond: group.length / (lengthMs / 1000),
      latency: summariseLatencies(group),
    };
  });
}
