// `engram config` as a user runs it: a real process per command over a real data directory.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = fileURLToPath(new URL('../bin/engram.js', import.meta.url));
const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'engram-cli-config-'));

function engram(args: string[]) {
  return run(process.execPath, [BIN, ...args], { env: { ...process.env, ENGRAM_DATA_DIR: dataDir } });
}

describe('engram config', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sets from YAML, shows history, refuses a bad file naming the field, and rolls back', async () => {
    const created = JSON.parse(
      (await engram(['instance', 'create', '--name', 'cfg', '--relationship', 'b2c', '--json'])).stdout,
    );
    const id = created.instance_id as string;
    const file = join(dataDir, 'config.yaml');
    writeFileSync(file, 'retention:\n  ttl_days:\n    emotion: 30\n');
    const set = JSON.parse((await engram(['config', 'set', id, file, '--author', 'ops', '--json'])).stdout);
    assert.equal(set.version, 1);
    assert.deepEqual(set.diff, [{ path: 'retention.ttl_days.emotion', to: 30 }]);

    writeFileSync(file, 'retention:\n  ttl_days:\n    emotions: 30\n');
    await assert.rejects(engram(['config', 'set', id, file]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /retention\.ttl_days/);
      return true;
    });

    const history = (await engram(['config', 'history', id])).stdout.trim().split('\n');
    assert.equal(history.length, 2);
    assert.match(history[0] as string, /^1 .* ops {2}retention\.ttl_days\.emotion$/);

    const rolledBack = JSON.parse((await engram(['config', 'rollback', id, '0', '--json'])).stdout);
    assert.equal(rolledBack.version, 2);
    const current = JSON.parse((await engram(['config', 'get', id, '--json'])).stdout);
    assert.equal(current.version, 2);
    assert.deepEqual(current.document.retention.ttl_days, {});
  });
});
