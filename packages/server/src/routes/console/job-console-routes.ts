import { EngramError, type Job } from '@engram/core';
import { INGEST_STATUSES } from '@engram/protocol';
import { z } from 'zod';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from '../admin/admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from '../admin/admin-schemas.js';

/**
 * A job as the console shows it: never the payload's text (it can be a long
 * document, and the console lists many jobs), only what identifies it.
 */
export function jobBody(job: Job): Record<string, unknown> {
  const payload = job.payload as {
    documentId?: unknown;
    documentType?: unknown;
    text?: unknown;
    conversationId?: unknown;
    owner?: { scope?: unknown; userId?: unknown; customerId?: unknown; conversationId?: unknown };
  };
  return {
    job_id: job.jobId,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    error: job.errorMessage ?? null,
    queued_at: job.queuedAt,
    started_at: job.startedAt ?? null,
    completed_at: job.completedAt ?? null,
    document_id: payload.documentId ?? null,
    document_type: payload.documentType ?? null,
    text_chars: typeof payload.text === 'string' ? payload.text.length : null,
    scope: payload.owner?.scope ?? null,
    user_id: payload.owner?.userId ?? null,
    customer_id: payload.owner?.customerId ?? null,
    conversation_id: payload.owner?.conversationId ?? payload.conversationId ?? null,
    result: job.result,
  };
}

/** `/admin/v1/instances/{id}/jobs…`: ingestion and compaction jobs with their errors, and retry. */
export function jobConsoleRoutes(services: EngramServices): RouteDefinition[] {
  const consoleStore = services.store.operatorConsole;
  const base = '/admin/v1/instances/{instance_id}/jobs';
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: base,
      operationId: 'listInstanceJobs',
      summary:
        'Background jobs newest first (optionally of one status), with attempts, errors and results, and counts by status.',
      params: instanceParamsSchema,
      query: z.object({
        status: z.enum(INGEST_STATUSES).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      handle: async ({ params, query }) => {
        await requireInstance(services, params.instance_id);
        const jobs = await consoleStore.listJobs({
          instanceId: params.instance_id,
          status: query.status,
          limit: query.limit,
        });
        // The console polls this every second: count jobs only, never scan memories.
        return { counts: await consoleStore.countJobs(params.instance_id), jobs: jobs.map(jobBody) };
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: `${base}/{job_id}/retry`,
      operationId: 'retryInstanceJob',
      summary:
        'Queues a failed (or partially successful) job again with its attempts reset; 409 unless it is in such a state.',
      params: instanceParamsSchema.extend({ job_id: z.string().min(1).max(100) }),
      handle: async ({ params }) => {
        await requireInstance(services, params.instance_id);
        const job = await consoleStore.requeueJob(params.instance_id, params.job_id);
        if (!job) {
          const existing = await services.store.jobs.get(params.instance_id, params.job_id);
          if (!existing) throw new EngramError('NOT_FOUND', 'job not found');
          throw new EngramError(
            'CONFLICT',
            `only a failed or partial_success job can be retried (it is ${existing.status})`,
          );
        }
        services.workers.wake();
        return jobBody(job);
      },
    }),
  ];
}
