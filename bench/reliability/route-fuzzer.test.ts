// The standing fuzzer, briefly (npm run fuzz runs it long): requests generated
// from /openapi.json against a real server on a real socket; no 5xx, no
// dropped connection, and the server correct afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '@engram/server/test-support';
import type { OpenApiDocument } from './openapi-cases.js';
import { assertServerCorrect, fuzzRoutes } from './route-fuzzer.js';

describe('route fuzzer (brief)', () => {
  let server: TestServer;
  let apiKey: string;
  before(async () => {
    // The fuzzer sends wrong keys on purpose: the address throttle would turn the rest into 429s.
    server = await startTestServer({ authFailuresPerSecond: 0 });
    apiKey = (await server.createInstance()).apiKey;
  });
  after(() => server.dispose());

  it('answers 300 generated requests on every route without a 5xx or a dropped connection', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenApiDocument;
    const report = await fuzzRoutes({ url: server.url, apiKey }, document, { cases: 300, seed: 20 });
    assert.equal(report.serverErrorCount, 0, JSON.stringify(report.serverErrors.slice(0, 3)));
    assert.equal(report.droppedCount, 0, JSON.stringify(report.dropped.slice(0, 3)));
    assert.ok(Object.keys(report.statuses).length > 2, 'answers vary');
    await assertServerCorrect({ url: server.url, apiKey });
  });
});
