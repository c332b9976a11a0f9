import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, Panel, useLoad, When } from '../components/ui.js';
import type { ConfigVersion, InstanceRecord } from '../types.js';

/** The instance's configuration document: edit it, browse its versions with their diffs, roll back. */
export function ConfigPage({ instance }: { instance: InstanceRecord }) {
  const base = `/instances/${instance.instance_id}/config`;
  const current = useLoad(() => api<ConfigVersion>('GET', base), [base]);
  const history = useLoad(() => api<{ versions: ConfigVersion[] }>('GET', `${base}/history`), [base]);
  const [text, setText] = useState('');
  const [shown, setShown] = useState<number | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (current.data) setText(JSON.stringify(current.data.document, null, 2));
  }, [current.data]);
  const refresh = () => {
    current.reload();
    history.reload();
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('POST', base, { text, author: 'dashboard' });
      refresh();
    } catch (caught) {
      setError(caught);
    }
  };
  const rollback = async (version: number) => {
    setError(undefined);
    try {
      await api('POST', `${base}/rollback`, { version, author: 'dashboard' });
      refresh();
    } catch (caught) {
      setError(caught);
    }
  };
  const versions = history.data?.versions ?? [];
  const open = versions.find((version) => version.version === shown) ?? versions[0];
  return (
    <div class="split">
      <Panel id="config-editor" title={`Active document (version ${current.data?.version ?? '…'})`}>
        <form onSubmit={save} class="edit-form">
          <label for="config-text">Configuration (JSON or YAML)</label>
          <textarea
            id="config-text"
            rows={22}
            spellcheck={false}
            class="mono"
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <ErrorNote error={error ?? current.error} />
          <button type="submit" class="primary">
            Save as new version
          </button>
        </form>
      </Panel>
      <Panel id="config-history" title="Versions">
        <ErrorNote error={history.error} />
        {versions.length === 0 && <p class="muted">Only the defaults so far (version 0).</p>}
        <ul class="pick-list">
          {versions.map((version) => (
            <li key={version.version}>
              <button
                type="button"
                aria-pressed={version.version === open?.version}
                class={version.version === open?.version ? 'selected' : undefined}
                onClick={() => setShown(version.version)}
              >
                <strong>v{version.version}</strong> <span>{version.author}</span>{' '}
                <When at={version.created_at} />
                {version.rolled_back_to !== null && (
                  <span class="muted"> (rollback to v{version.rolled_back_to})</span>
                )}
              </button>
            </li>
          ))}
        </ul>
        {open && (
          <>
            <h3>Changes in v{open.version}</h3>
            {open.diff.length === 0 ? (
              <p class="muted">No changes.</p>
            ) : (
              <table class="diff">
                <thead>
                  <tr>
                    <th scope="col">Setting</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {open.diff.map((change) => (
                    <tr key={change.path}>
                      <td class="mono">{change.path}</td>
                      <td class="diff-from mono">
                        {change.from === undefined ? '—' : JSON.stringify(change.from)}
                      </td>
                      <td class="diff-to mono">
                        {change.to === undefined ? '—' : JSON.stringify(change.to)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {open.version !== current.data?.version && (
              <button type="button" onClick={() => rollback(open.version)}>
                Roll back to v{open.version}
              </button>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
