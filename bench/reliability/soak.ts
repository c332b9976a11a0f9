// npm run soak [-- --minutes M --connections C]: a mixed workload (fetches,
// recorded messages, new memories, context-for-prompt, whoami) against a real
// server process on loopback, for a bounded time (default 10 minutes).
// Prints throughput and errors per minute, and the server's RSS growth from
// the end of minute 2 to the end; exits 1 on any error.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEngramServer } from '../support/engram-server-process.js';
import { type LoadRequest, runClosedLoop } from '../support/http-load-generator.js';
import { rssOfProcessGroup } from '../support/process-memory.js';
import { seededRandom } from '../support/seeded-random.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
  },
});
const minutes = Number(values.minutes);
const connections = Number(values.connections);
const USERS = 50;
const WORDS = ['tea', 'paris', 'guitar', 'dog', 'marathon', 'sister', 'python', 'garden', 'coffee', 'berlin'];

const generator = seededRandom(20);
const random = () => generator.next();
const pick = <T>(items: readonly T[]): T => generator.pick(items);
const conversations = Array.from({ length: USERS }, () => randomUUID());

/** The mix: half fetches, a quarter recorded turns, the rest writes and light reads. */
function nextRequest(): LoadRequest {
  const user = Math.floor(random() * USERS);
  const roll = random();
  if (roll < 0.5) {
    const body = {
      user_id: `user-${user}`,
      search_query: [`${pick(WORDS)} ${pick(WORDS)}`],
      max_results: 10,
    };
    return { method: 'POST', path: '/v1/context/user/fetch', body: JSON.stringify(body) };
  }
  if (roll < 0.75) {
    const body = {
      conversation_id: conversations[user],
      role: pick(['user', 'assistant']),
      content: `I talked about ${pick(WORDS)} and ${pick(WORDS)} today.`,
      user_id: `user-${user}`,
    };
    return { method: 'POST', path: '/v1/conversations/messages', body: JSON.stringify(body) };
  }
  if (roll < 0.85) {
    const body = {
      document: `User: I love ${pick(WORDS)}. My friend likes ${pick(WORDS)}.`,
      user_id: `user-${user}`,
    };
    return { method: 'POST', path: '/api/v1/memories/create', body: JSON.stringify(body) };
  }
  if (roll < 0.95)
    return { method: 'GET', path: `/v1/conversations/${conversations[user]}/context-for-prompt` };
  return { method: 'GET', path: '/api/v1/auth/whoami' };
}

const server = await startEngramServer({
  instanceName: 'soak',
  env: { ENGRAM_MODEL_CACHE_DIR: join(tmpdir(), 'engram-test-models') },
});
const mib = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round(bytes / 1_048_576));
let failed = false;
try {
  const perMinute: {
    minute: number;
    requests: number;
    perSecond: number;
    errors: number;
    rssMiB?: number;
  }[] = [];
  const statuses: Record<string, number> = {};
  for (let minute = 1; minute <= minutes; minute += 1) {
    const result = await runClosedLoop({
      baseUrl: server.url,
      headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json' },
      connections,
      durationMs: 60_000,
      warmupMs: 0,
      nextRequest,
    });
    for (const [status, count] of Object.entries(result.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
    const row = {
      minute,
      requests: result.requests,
      perSecond: Math.round(result.requestsPerSecond),
      errors: result.errors,
      rssMiB: mib(rssOfProcessGroup(server.processGroup)),
    };
    perMinute.push(row);
    console.log(JSON.stringify(row));
  }
  const requests = perMinute.reduce((sum, row) => sum + row.requests, 0);
  const errors = perMinute.reduce((sum, row) => sum + row.errors, 0);
  const baseline = perMinute.find((row) => row.minute === 2)?.rssMiB;
  const final = perMinute.at(-1)?.rssMiB;
  const growth =
    baseline !== undefined && final !== undefined
      ? Math.round(((final - baseline) / baseline) * 1000) / 10
      : undefined;
  console.log(
    JSON.stringify(
      {
        minutes,
        connections,
        requests,
        requests_per_second: Math.round(requests / (minutes * 60)),
        errors,
        statuses_other_than_200: statuses,
        rss_mib_end_of_minute_2: baseline,
        rss_mib_end: final,
        rss_growth_percent_from_minute_2: growth,
      },
      null,
      2,
    ),
  );
  failed = errors > 0;
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
