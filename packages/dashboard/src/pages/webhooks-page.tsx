import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Badge, ConfirmButton, ErrorNote, Panel, useLoad, When } from '../components/ui.js';
import type { InstanceRecord } from '../types.js';

interface Endpoint {
  endpoint_id: string;
  url: string;
  events: string[];
  description: string;
  created_at: string;
}

interface Delivery {
  delivery_id: string;
  endpoint_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  created_at: string;
}

const EVENTS = [
  'memory.created',
  'memory.updated',
  'memory.deleted',
  'ingestion.completed',
  'ingestion.failed',
  'compaction.completed',
];
const TONES = { pending: 'busy', delivered: 'good', failed: 'bad' } as const;

/** Webhook endpoints (register, remove) and the delivery log with redelivery. */
export function WebhooksPage({ instance }: { instance: InstanceRecord }) {
  const base = `/instances/${instance.instance_id}/webhooks`;
  const endpoints = useLoad(() => api<{ endpoints: Endpoint[] }>('GET', base), [base]);
  const deliveries = useLoad(
    () => api<{ deliveries: Delivery[] }>('GET', `${base}/deliveries?limit=100`),
    [base],
  );
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['memory.created']);
  const [secret, setSecret] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      endpoints.reload();
      deliveries.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <Panel id="webhook-endpoints" title="Endpoints">
        <ErrorNote error={error ?? endpoints.error} />
        {secret && (
          <div class="new-key" role="status">
            <p>Signing secret of the new endpoint (shown once):</p>
            <code class="secret">{secret}</code>
            <button type="button" onClick={() => setSecret(undefined)}>
              Done
            </button>
          </div>
        )}
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(endpoints.data?.endpoints ?? []).map((endpoint) => (
                <tr key={endpoint.endpoint_id}>
                  <td class="mono">{endpoint.url}</td>
                  <td>{endpoint.events.join(', ')}</td>
                  <td>
                    <When at={endpoint.created_at} />
                  </td>
                  <td>
                    <ConfirmButton
                      label="Remove"
                      confirmLabel="Remove endpoint"
                      onConfirm={() => act(() => api('DELETE', `${base}/${endpoint.endpoint_id}`))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {endpoints.data?.endpoints.length === 0 && <p class="muted">No endpoints.</p>}
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(async () => {
              const created = await api<{ secret: string }>('POST', base, { url, events });
              setSecret(created.secret);
              setUrl('');
            });
          }}
        >
          <label>
            Endpoint URL
            <input
              type="url"
              required
              placeholder="https://example.com/hooks/engram"
              value={url}
              onInput={(event) => setUrl(event.currentTarget.value)}
            />
          </label>
          <fieldset class="checks">
            <legend>Events</legend>
            {EVENTS.map((event) => (
              <label key={event}>
                <input
                  type="checkbox"
                  checked={events.includes(event)}
                  onChange={(change) =>
                    setEvents(
                      change.currentTarget.checked ? [...events, event] : events.filter((e) => e !== event),
                    )
                  }
                />
                {event}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="primary" disabled={events.length === 0}>
            Add endpoint
          </button>
        </form>
      </Panel>
      <Panel
        id="webhook-deliveries"
        title="Delivery log"
        actions={
          <button type="button" onClick={deliveries.reload}>
            Refresh
          </button>
        }
      >
        <ErrorNote error={deliveries.error} />
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(deliveries.data?.deliveries ?? []).map((delivery) => (
                <tr key={delivery.delivery_id}>
                  <td>{delivery.event_type}</td>
                  <td>
                    <Badge tone={TONES[delivery.status]}>{delivery.status}</Badge>
                  </td>
                  <td>{delivery.attempts}</td>
                  <td class={delivery.last_error ? 'error-text' : undefined}>
                    {delivery.last_error ??
                      (delivery.last_status_code ? `HTTP ${delivery.last_status_code}` : '')}
                  </td>
                  <td>
                    <When at={delivery.created_at} />
                  </td>
                  <td>
                    {delivery.status !== 'pending' && (
                      <button
                        type="button"
                        onClick={() =>
                          act(() => api('POST', `${base}/deliveries/${delivery.delivery_id}/redeliver`))
                        }
                      >
                        Redeliver
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {deliveries.data?.deliveries.length === 0 && <p class="muted">No deliveries yet.</p>}
      </Panel>
    </>
  );
}
