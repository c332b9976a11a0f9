import { EngramError } from '../errors/engram-error.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import type { JobHandler, JobOutcome } from '../jobs/worker-pool.js';
import type { Job } from '../ports/job-store.js';
import { type IngestionDependencies, ingestDocument } from './ingest-document.js';
import { ingestDocumentPayloadSchema } from './ingestion-job-payload.js';

/** Runs `ingest-document` jobs through the ingestion pipeline. */
export class IngestDocumentHandler implements JobHandler {
  readonly kind = 'ingest-document' as const;

  constructor(
    private readonly dependencies: IngestionDependencies,
    private readonly onCompleted: (job: Job) => void = () => {},
  ) {}

  async handle(job: Job, abortSignal: AbortSignal): Promise<JobOutcome> {
    const parsed = ingestDocumentPayloadSchema.safeParse(job.payload);
    if (!parsed.success) {
      throw new EngramError(
        'INTERNAL',
        `unreadable ingestion job payload: ${formatValidationIssues(parsed.error)}`,
        {
          retryable: false,
        },
      );
    }
    const result = await ingestDocument(job.jobId, parsed.data, this.dependencies, abortSignal);
    this.onCompleted(job);
    return { status: 'completed', result };
  }
}
