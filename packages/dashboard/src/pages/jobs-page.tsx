import { useState } from 'preact/hooks';
import { api, queryOf } from '../api.js';
import { Badge, ErrorNote, Panel, useInterval, useLoad, When } from '../components/ui.js';
import type { InstanceRecord, JobRecord } from '../types.js';

const TONES: Record<JobRecord['status'], string> = {
  queued: 'neutral',
  processing: 'busy',
  completed: 'good',
  partial_success: 'warn',
  failed: 'bad',
};

/** Ingestion and compaction jobs, refreshed every second while open; failures with their errors and a retry. */
export function JobsPage({ instance }: { instance: InstanceRecord }) {
  const base = `/instances/${instance.instance_id}`;
  const [status, setStatus] = useState('');
  const [live, setLive] = useState(true);
  const [error, setError] = useState<unknown>();
  const jobs = useLoad(
    () =>
      api<{ counts: Record<string, number>; jobs: JobRecord[] }>(
        'GET',
        `${base}/jobs${queryOf({ status, limit: 200 })}`,
      ),
    [base, status],
  );
  useInterval(jobs.reload, 1000, live);
  const counts = jobs.data?.counts ?? {};
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const finished = (counts.completed ?? 0) + (counts.failed ?? 0) + (counts.partial_success ?? 0);
  const retry = async (jobId: string) => {
    setError(undefined);
    try {
      await api('POST', `${base}/jobs/${jobId}/retry`);
      jobs.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <Panel
        id="job-progress"
        title="Progress"
        actions={
          <label class="inline">
            <input
              type="checkbox"
              checked={live}
              onChange={(event) => setLive(event.currentTarget.checked)}
            />{' '}
            Live
          </label>
        }
      >
        <label for="job-progress-bar" class="visually-hidden">
          Jobs finished
        </label>
        <progress id="job-progress-bar" max={Math.max(total, 1)} value={finished} />
        <p aria-live="polite">
          {finished} of {total} jobs finished · {counts.queued ?? 0} queued · {counts.processing ?? 0}{' '}
          processing · {counts.failed ?? 0} failed
        </p>
      </Panel>
      <Panel
        id="job-list"
        title="Jobs, newest first"
        actions={
          <label class="inline">
            <span>Status</span>
            <select value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <option value="">All</option>
              {Object.keys(TONES).map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <ErrorNote error={error ?? jobs.error} />
        <div class="table-scroll">
          <table class="jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Kind</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Queued</th>
                <th scope="col">Result or error</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(jobs.data?.jobs ?? []).map((job) => (
                <tr key={job.job_id} data-job-id={job.job_id} data-status={job.status}>
                  <td class="mono" title={job.job_id}>
                    …{job.job_id.slice(-8)}
                  </td>
                  <td>{job.kind}</td>
                  <td>
                    {job.user_id ??
                      job.customer_id ??
                      (job.conversation_id ? `conv ${job.conversation_id.slice(0, 8)}…` : '—')}
                  </td>
                  <td>
                    <Badge tone={TONES[job.status]}>{job.status}</Badge>
                  </td>
                  <td>{job.attempts}</td>
                  <td>
                    <When at={job.queued_at} />
                  </td>
                  <td class={job.error ? 'error-text' : undefined}>
                    {job.error ??
                      (typeof job.result.memoriesCreated === 'number'
                        ? `${job.result.memoriesCreated} memories`
                        : '')}
                  </td>
                  <td>
                    {(job.status === 'failed' || job.status === 'partial_success') && (
                      <button
                        type="button"
                        onClick={() => retry(job.job_id)}
                        aria-label={`Retry job ${job.job_id}`}
                      >
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {jobs.data?.jobs.length === 0 && <p class="muted">No jobs.</p>}
      </Panel>
    </>
  );
}
