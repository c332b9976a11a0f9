import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { ErrorNote } from '../components/ui.js';

/** The operator key form; the key is checked against the server before it is kept. */
export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('GET', '/instances', undefined, key.trim());
      onSignedIn(key.trim());
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? new Error('That operator key was not accepted.')
          : caught,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Engram console</h1>
        <p class="muted">Sign in with the operator key this server was started with (ENGRAM_OPERATOR_KEY).</p>
        <label for="operator-key">Operator key</label>
        <input
          id="operator-key"
          type="password"
          autoComplete="current-password"
          required
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <ErrorNote error={error} />
        <button type="submit" class="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
