// npm run fuzz [-- --cases N --seed S]: the route fuzzer against a real server
// process on loopback (default 10,000 cases). Prints the status counts, every
// 5xx and dropped connection, and whether the server was alive and correct
// afterwards; exits 1 on any of those.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEngramServer } from '../support/engram-server-process.js';
import type { OpenApiDocument } from './openapi-cases.js';
import { assertServerCorrect, fuzzRoutes } from './route-fuzzer.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' } },
});
const cases = Number(values.cases);
const server = await startEngramServer({
  instanceName: 'fuzz',
  // Wrong keys are part of the fuzz; the address throttle would answer the rest 429.
  env: { ENGRAM_AUTH_FAILURES_PER_SECOND: '0', ENGRAM_MODEL_CACHE_DIR: join(tmpdir(), 'engram-test-models') },
  onOutput: (line) => {
    if (line.includes('"level":"error"')) process.stderr.write(`server: ${line}\n`);
  },
});
let failed = false;
try {
  const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenApiDocument;
  const report = await fuzzRoutes({ url: server.url, apiKey: server.apiKey }, document, {
    cases,
    ...(values.seed !== undefined && { seed: Number(values.seed) }),
  });
  let correct = 'yes';
  try {
    await assertServerCorrect({ url: server.url, apiKey: server.apiKey });
  } catch (error) {
    correct = `no: ${(error as Error).message}`;
  }
  console.log(
    JSON.stringify(
      {
        cases: report.cases,
        seed: report.seed,
        seconds: Math.round(report.seconds * 10) / 10,
        requests_per_second: Math.round(report.cases / report.seconds),
        statuses: report.statuses,
        server_errors: report.serverErrorCount,
        dropped_connections: report.droppedCount,
        alive_and_correct_after: correct,
        ...(report.counterexample && { counterexample: report.counterexample }),
      },
      null,
      2,
    ),
  );
  for (const error of report.serverErrors.slice(0, 5))
    console.log('5xx:', JSON.stringify(error).slice(0, 600));
  for (const drop of report.dropped.slice(0, 5)) console.log('dropped:', JSON.stringify(drop).slice(0, 600));
  failed = report.serverErrorCount > 0 || report.droppedCount > 0 || correct !== 'yes';
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
