// The change feed between two stores (two nodes) on one database: a write
// through store A reaches store B's subscribers as a change, whichever
// store port wrote it; a restart of the database ends B's connection, and
// B reconnects and reports `resync` (notifications meanwhile are lost).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoreChange } from '@engram/core';
import { freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import { changeOfPayload, PostgresEngramStore } from '../src/index.js';
import { type PostgresCluster, startPostgresCluster } from './support/postgres-cluster.js';

const T0 = '2026-01-01T00:00:00.000Z';

/** Resolves with the first change `matches` accepts, or rejects after `timeoutMs`. */
function nextChange(
  store: PostgresEngramStore,
  matches: (change: StoreChange) => boolean,
  timeoutMs = 10_000,
): Promise<StoreChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('no matching change arrived'));
    }, timeoutMs);
    const unsubscribe = store.changes.subscribe((change) => {
      if (!matches(change)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(change);
    });
  });
}

describe('postgres change feed (LISTEN/NOTIFY)', () => {
  let cluster: PostgresCluster;
  let a: PostgresEngramStore;
  let b: PostgresEngramStore;

  before(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase();
    a = await PostgresEngramStore.open(url);
    b = await PostgresEngramStore.open(url, { pool: { connectionTimeoutMs: 1_000 } });
    b.changes.subscribe(() => {});
    await b.changes.ready();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await cluster?.destroy();
  });

  it('parses the payloads the triggers send, and ignores unknown ones', () => {
    assert.deepEqual(changeOfPayload('scope u:i:ann'), { kind: 'scope', scopeKey: 'u:i:ann' });
    assert.deepEqual(changeOfPayload('config inst-1'), { kind: 'instance-config', instanceId: 'inst-1' });
    assert.deepEqual(changeOfPayload('settings inst-1'), {
      kind: 'instance-settings',
      instanceId: 'inst-1',
    });
    assert.equal(changeOfPayload('future thing'), undefined);
    assert.equal(changeOfPayload('scope'), undefined);
    assert.equal(changeOfPayload(undefined), undefined);
  });

  it('reports a memory write, a configuration version and a settings change made through the other store', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const scopeChange = nextChange(
      b,
      (change) => change.kind === 'scope' && change.scopeKey === owner.scopeKey,
    );
    await a.memories.applyIngestion(
      ingestion(owner, 'doc-1', { inserts: [memoryInsert(owner, { content: 'Ann keeps bees' })] }),
    );
    await scopeChange;

    await a.tenancy.createClient({ clientId: 'cli_feed', name: 'feed', createdAt: T0 });
    const instanceId = freshInstanceId();
    await a.tenancy.createInstance({
      instanceId,
      clientId: 'cli_feed',
      name: 'x',
      relationship: 'b2c',
      createdAt: T0,
    });
    const settingsChange = nextChange(
      b,
      (change) => change.kind === 'instance-settings' && change.instanceId === instanceId,
    );
    await a.instanceSettings.updateSettings(instanceId, { rateLimitPerSecond: 5 });
    await settingsChange;

    const configChange = nextChange(
      b,
      (change) => change.kind === 'instance-config' && change.instanceId === instanceId,
    );
    await a.instanceConfigs.append(0, { instanceId, document: {}, author: 'test', createdAt: T0, diff: [] });
    await configChange;
  });

  it('reconnects after the database restarts and reports resync', async () => {
    const resync = nextChange(b, (change) => change.kind === 'resync', 30_000);
    await cluster.stop();
    await cluster.start();
    await resync;
    // Listening again: a later write is reported.
    const owner = userOwner(freshInstanceId(), 'bo');
    const scopeChange = nextChange(
      b,
      (change) => change.kind === 'scope' && change.scopeKey === owner.scopeKey,
    );
    await a.memories.applyIngestion(
      ingestion(owner, 'doc-2', { inserts: [memoryInsert(owner, { content: 'Bo sails' })] }),
    );
    await scopeChange;
  });
});
