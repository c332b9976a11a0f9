import { useEffect, useState } from 'preact/hooks';

/** The console's pages, in navigation order. */
export const PAGES = [
  { id: 'instances', title: 'Instances' },
  { id: 'memories', title: 'Memories' },
  { id: 'graph', title: 'Entity graph' },
  { id: 'jobs', title: 'Ingestion jobs' },
  { id: 'conversations', title: 'Conversations' },
  { id: 'config', title: 'Configuration' },
  { id: 'webhooks', title: 'Webhooks' },
] as const;

/** One of {@link PAGES}. */
export type PageId = (typeof PAGES)[number]['id'];

/** Where the console is: `#/<page>/<instance id>`, so a view can be bookmarked and reloaded. */
export interface Route {
  page: PageId;
  instanceId: string | undefined;
}

function parse(hash: string): Route {
  const [, page, instanceId] = hash.replace(/^#/, '').split('/');
  const known = PAGES.find((candidate) => candidate.id === page);
  return {
    page: known?.id ?? 'instances',
    instanceId: instanceId ? decodeURIComponent(instanceId) : undefined,
  };
}

/** The hash of a route. */
export function hrefOf(route: Route): string {
  return `#/${route.page}${route.instanceId ? `/${encodeURIComponent(route.instanceId)}` : ''}`;
}

/** The current route, following the address bar's hash. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parse(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}
