// Worker-thread entry: sources are TypeScript run through tsx, and a worker
// does not inherit the parent's loader, so it registers its own first.
import { register } from 'tsx/esm/api';

register();
await import('./retrieval-thread.ts');
