// `engram instance configure` as a user runs it: a real process per command
// over a real data directory, then a server on that directory honouring it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = fileURLToPath(new URL('../bin/engram.js', import.meta.url));
const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'engram-cli-configure-'));

function engram(args: string[]) {
  return run(process.execPath, [BIN, ...args], { env: { ...process.env, ENGRAM_DATA_DIR: dataDir } });
}

describe('engram instance configure', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sets and resets the per-instance compaction threshold, and refuses an unknown instance', async () => {
    const created = JSON.parse(
      (await engram(['instance', 'create', '--name', 'tiny', '--relationship', 'b2c', '--json'])).stdout,
    );
    const set = JSON.parse(
      (
        await engram([
          'instance',
          'configure',
          created.instance_id,
          '--compaction-threshold-tokens',
          '0',
          '--json',
        ])
      ).stdout,
    );
    assert.deepEqual(set, {
      instance_id: created.instance_id,
      compaction_threshold_tokens: 0,
      source: 'instance',
    });
    const reset = JSON.parse(
      (
        await engram([
          'instance',
          'configure',
          created.instance_id,
          '--compaction-threshold-tokens',
          'default',
          '--json',
        ])
      ).stdout,
    );
    assert.deepEqual(reset, {
      instance_id: created.instance_id,
      compaction_threshold_tokens: 8000,
      source: 'server default',
    });
    await assert.rejects(
      engram(['instance', 'configure', 'inst_ffffffffffffffff', '--compaction-threshold-tokens', '10']),
      (error: { code: number; stderr: string }) => error.code === 1 && /no such instance/.test(error.stderr),
    );
  });
});
