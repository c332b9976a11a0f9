import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Badge, ConfirmButton, ErrorNote, Panel, When } from '../components/ui.js';
import type { InstanceRecord } from '../types.js';

/** Instances with their relationship, usage counts and keys; create instances and keys, revoke keys. */
export function InstancesPage({ instances, reload }: { instances: InstanceRecord[]; reload: () => void }) {
  const [created, setCreated] = useState<{ instance: string; key: string } | undefined>();
  const [error, setError] = useState<unknown>();
  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <ErrorNote error={error} />
      {created && (
        <div class="new-key" role="status">
          <p>
            New API key for <strong>{created.instance}</strong>. Copy it now: it is not shown again.
          </p>
          <code class="secret" data-testid="new-api-key">
            {created.key}
          </code>
          <button type="button" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </div>
      )}
      <div class="cards">
        {instances.map((instance) => (
          <Panel
            key={instance.instance_id}
            id={`instance-${instance.instance_id}`}
            title={
              <>
                {instance.name} <Badge tone="neutral">{instance.relationship.toUpperCase()}</Badge>
              </>
            }
            actions={
              <button
                type="button"
                class="primary"
                onClick={() =>
                  act(async () => {
                    const key = await api<{ api_key: string }>(
                      'POST',
                      `/instances/${instance.instance_id}/keys`,
                    );
                    setCreated({ instance: instance.name, key: key.api_key });
                  })
                }
              >
                Create key
              </button>
            }
          >
            <p class="muted mono">{instance.instance_id}</p>
            <ul class="usage" aria-label={`Usage of ${instance.name}`}>
              <li>
                <strong>{instance.usage.memories}</strong> memories
              </li>
              <li>
                <strong>{instance.usage.documents}</strong> documents
              </li>
              <li>
                <strong>{instance.usage.conversations}</strong> conversations
              </li>
              <li>
                <strong>{instance.usage.messages}</strong> turns
              </li>
              <li>
                <strong>{instance.usage.users}</strong> users
              </li>
              {instance.relationship === 'b2b' && (
                <li>
                  <strong>{instance.usage.customers}</strong> customers
                </li>
              )}
              <li>
                <strong>{instance.usage.entities}</strong> entities
              </li>
              <li>
                <strong>{Object.values(instance.usage.jobs).reduce((sum, n) => sum + n, 0)}</strong> jobs
              </li>
            </ul>
            <table>
              <caption class="visually-hidden">API keys of {instance.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Key prefix</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {instance.keys.map((key) => (
                  <tr key={key.key_id}>
                    <td class="mono">{key.key_prefix}…</td>
                    <td>
                      <When at={key.created_at} />
                    </td>
                    <td>
                      {key.revoked_at ? <Badge tone="bad">revoked</Badge> : <Badge tone="good">live</Badge>}
                    </td>
                    <td>
                      {!key.revoked_at && (
                        <ConfirmButton
                          label="Revoke"
                          confirmLabel={`Revoke ${key.key_prefix}`}
                          onConfirm={() =>
                            act(() =>
                              api('DELETE', `/instances/${instance.instance_id}/keys/${key.key_id}`).then(
                                () => undefined,
                              ),
                            )
                          }
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
        ))}
      </div>
      <CreateInstance
        onCreated={(name, key) => {
          setCreated({ instance: name, key });
          reload();
        }}
      />
    </>
  );
}

function CreateInstance({ onCreated }: { onCreated: (name: string, key: string) => void }) {
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState<'b2c' | 'b2b'>('b2c');
  const [error, setError] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api<{ api_key: string; name: string }>('POST', '/instances', {
        name,
        relationship,
      });
      setName('');
      onCreated(created.name, created.api_key);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Panel id="create-instance" title="New instance">
      <form class="inline-form" onSubmit={submit}>
        <label>
          Name
          <input required value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label>
          Relationship
          <select
            value={relationship}
            onChange={(event) => setRelationship(event.currentTarget.value as 'b2c' | 'b2b')}
          >
            <option value="b2c">B2C (customer = user)</option>
            <option value="b2b">B2B (users under customers)</option>
          </select>
        </label>
        <button type="submit" class="primary">
          Create instance
        </button>
      </form>
      <ErrorNote error={error} />
    </Panel>
  );
}
