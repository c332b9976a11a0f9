// Worker-thread entry used when running from the TypeScript sources (tests): a
// worker does not inherit the parent's tsx loader, so it registers its own first.
import { register } from 'tsx/esm/api';

register();
await import('./extraction-thread.ts');
