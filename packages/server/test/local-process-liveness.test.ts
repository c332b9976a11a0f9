// Liveness of worker processes against real processes: a live child is not
// gone, a killed one is, and a reused pid (another start marker) is too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { LocalProcessLiveness, processStartOf } from '../src/workers/local-process-liveness.js';

describe('LocalProcessLiveness', () => {
  const liveness = new LocalProcessLiveness();
  const node = (pid: number, processStart: string, host = hostname()) => ({
    nodeId: `worker-${pid}`,
    host,
    pid,
    processStart,
    heartbeatAt: new Date().toISOString(),
  });

  it('proves a killed process gone and a live one not', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const pid = child.pid as number;
    const recorded = node(pid, processStartOf(pid));
    assert.equal(liveness.isGone(recorded), false);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(liveness.isGone(recorded), true);
  });

  it('tells a reused pid by its start marker, and never proves another host gone', () => {
    const self = liveness.self();
    assert.equal(liveness.isGone(node(self.pid, self.processStart)), false);
    if (self.processStart !== '') {
      assert.equal(liveness.isGone(node(self.pid, 'another-boot:1')), true, 'same pid, another process');
    }
    assert.equal(liveness.isGone(node(2 ** 22 + 12_345, '', 'another-host')), false);
  });
});
