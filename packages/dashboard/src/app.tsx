import { useEffect, useState } from 'preact/hooks';
import { api, setUnauthorizedHandler, storedKey, storeKey } from './api.js';
import { ErrorNote, useLoad } from './components/ui.js';
import { ConfigPage } from './pages/config-page.js';
import { ConversationsPage } from './pages/conversations-page.js';
import { GraphPage } from './pages/graph-page.js';
import { InstancesPage } from './pages/instances-page.js';
import { JobsPage } from './pages/jobs-page.js';
import { MemoriesPage } from './pages/memories-page.js';
import { SignIn } from './pages/sign-in.js';
import { WebhooksPage } from './pages/webhooks-page.js';
import { hrefOf, PAGES, type PageId, useRoute } from './route.js';
import type { InstanceRecord } from './types.js';

/** The console: sign-in, then a navigation rail, an instance picker and the page of the route. */
export function App() {
  const [key, setKey] = useState(storedKey());
  useEffect(() => setUnauthorizedHandler(() => signOut()), []);
  const signOut = () => {
    storeKey(null);
    setKey(null);
  };
  if (!key) {
    return (
      <SignIn
        onSignedIn={(accepted) => {
          storeKey(accepted);
          setKey(accepted);
        }}
      />
    );
  }
  return <Console onSignOut={signOut} />;
}

function Console({ onSignOut }: { onSignOut: () => void }) {
  const route = useRoute();
  const instances = useLoad(() => api<{ instances: InstanceRecord[] }>('GET', '/instances'), []);
  const list = instances.data?.instances ?? [];
  const instance = list.find((candidate) => candidate.instance_id === route.instanceId) ?? list[0];
  const [menuOpen, setMenuOpen] = useState(false);
  const title = PAGES.find((page) => page.id === route.page)?.title ?? '';
  useEffect(() => {
    document.title = `${title} · Engram console`;
    setMenuOpen(false);
  }, [title, route.instanceId]);
  const go = (page: PageId, instanceId = instance?.instance_id) => hrefOf({ page, instanceId });
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <span class="brand">Engram console</span>
        <label class="instance-picker">
          <span>Instance</span>
          <select
            value={instance?.instance_id ?? ''}
            onChange={(event) => {
              location.hash = go(route.page, event.currentTarget.value);
            }}
          >
            {list.map((candidate) => (
              <option key={candidate.instance_id} value={candidate.instance_id}>
                {candidate.name} ({candidate.relationship.toUpperCase()})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" class={menuOpen ? 'nav open' : 'nav'} aria-label="Console pages">
        <ul>
          {PAGES.map((page) => (
            <li key={page.id}>
              <a href={go(page.id)} aria-current={page.id === route.page ? 'page' : undefined}>
                {page.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        <ErrorNote error={instances.error} />
        {route.page === 'instances' && <InstancesPage instances={list} reload={instances.reload} />}
        {route.page !== 'instances' && !instance && !instances.loading && (
          <p>No instance yet: create one on the Instances page.</p>
        )}
        {instance && route.page === 'memories' && (
          <MemoriesPage key={instance.instance_id} instance={instance} />
        )}
        {instance && route.page === 'graph' && <GraphPage key={instance.instance_id} instance={instance} />}
        {instance && route.page === 'jobs' && <JobsPage key={instance.instance_id} instance={instance} />}
        {instance && route.page === 'conversations' && (
          <ConversationsPage key={instance.instance_id} instance={instance} />
        )}
        {instance && route.page === 'config' && <ConfigPage key={instance.instance_id} instance={instance} />}
        {instance && route.page === 'webhooks' && (
          <WebhooksPage key={instance.instance_id} instance={instance} />
        )}
      </main>
    </div>
  );
}
