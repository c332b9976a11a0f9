// The `engram` command as a user runs it: a real process per command over a
// real data directory.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AuthenticationError } from '@engram/sdk';
import { sdkFor } from './support/sdk-client.js';

const BIN = fileURLToPath(new URL('../bin/engram.js', import.meta.url));
const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'engram-cli-'));

function engram(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [BIN, ...args], { env: { ...process.env, ENGRAM_DATA_DIR: dataDir, ...env } });
}

/** Starts `engram serve --port 0`, resolving with the URL and everything printed before it listened. */
function serve(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { ...process.env, ENGRAM_DATA_DIR: dataDir, ...env },
  });
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"event":"server-listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, listening, output: () => output };
}

describe('engram CLI', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a default instance on first start, prints its key once, and not again', async () => {
    const first = serve();
    const url = await first.listening;
    const key = /api_key:\s+(synap_\S+)/.exec(first.output())?.[1];
    assert.ok(key, 'the first start prints the key');
    assert.equal((await sdkFor(url, key).whoami()).relationship, 'b2c');
    first.child.kill('SIGTERM');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = serve();
    await second.listening;
    assert.ok(!second.output().includes('api_key'), 'the key is never printed again');
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  });

  it('creates instances and keys as JSON, and revokes keys by prefix', async () => {
    const created = JSON.parse(
      (await engram(['instance', 'create', '--name', 'shop', '--relationship', 'b2b', '--json'])).stdout,
    );
    assert.match(created.client_id, /^cli_[0-9a-f]{16}$/);
    assert.match(created.instance_id, /^inst_[0-9a-f]{16}$/);
    assert.match(created.api_key, /^synap_/);
    const key = JSON.parse(
      (await engram(['keys', 'create', '--instance', created.instance_id, '--json'])).stdout,
    );
    assert.equal(key.instance_id, created.instance_id);

    const server = serve();
    const url = await server.listening;
    try {
      assert.equal((await sdkFor(url, key.api_key).whoami()).relationship, 'b2b');
      const revoked = await engram(['keys', 'revoke', key.key_prefix]);
      assert.match(revoked.stdout, /revoked: 1/);
      await assert.rejects(sdkFor(url, key.api_key).whoami(), AuthenticationError);
      assert.equal((await sdkFor(url, created.api_key).whoami()).instance_id, created.instance_id);
    } finally {
      server.child.kill('SIGTERM');
    }
  });

  it('makes a one-time bootstrap token that the server exchanges once for a working key', async () => {
    const created = JSON.parse(
      (await engram(['instance', 'create', '--name', 'edge', '--relationship', 'b2c', '--json'])).stdout,
    );
    const made = JSON.parse(
      (
        await engram([
          'keys',
          'bootstrap-token',
          '--instance',
          created.instance_id,
          '--ttl-minutes',
          '5',
          '--json',
        ])
      ).stdout,
    );
    assert.equal(made.instance_id, created.instance_id);
    assert.match(made.bootstrap_token, /^synap_boot_[A-Za-z0-9_-]{43}$/);
    const lifetime = Date.parse(made.expires_at) - Date.now();
    assert.ok(lifetime > 4 * 60_000 && lifetime <= 5 * 60_000, `expires in about 5 minutes: ${lifetime} ms`);

    const server = serve();
    const url = await server.listening;
    const exchange = (body: unknown) =>
      fetch(`${url}/api/v1/keys/bootstrap`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      // Synap's integration sends an empty instance_id; a wrong one is refused without using the token.
      const wrong = await exchange({
        bootstrap_token: made.bootstrap_token,
        instance_id: 'inst_0000000000000000',
      });
      assert.equal(wrong.status, 401);
      const response = await exchange({ bootstrap_token: made.bootstrap_token, instance_id: '' });
      assert.equal(response.status, 200);
      const key = (await response.json()) as Record<string, string>;
      assert.equal(key.client_id, created.client_id);
      assert.equal(key.instance_id, created.instance_id);
      assert.equal((await sdkFor(url, key.api_key as string).whoami()).instance_id, created.instance_id);

      const again = await exchange({ bootstrap_token: made.bootstrap_token, instance_id: '' });
      assert.equal(again.status, 401, 'a token works once');
      assert.deepEqual(await again.json(), {
        detail: 'invalid, used or expired bootstrap token',
        code: 'UNAUTHENTICATED',
      });
      const missing = await exchange({ instance_id: '' });
      assert.equal(missing.status, 422);
      assert.match(((await missing.json()) as { detail: string }).detail, /bootstrap_token/);
      const listed = JSON.parse(
        (await engram(['keys', 'list', '--instance', created.instance_id, '--json'])).stdout,
      );
      assert.equal(listed.length, 2, 'the first key and the bootstrapped one');
    } finally {
      server.child.kill('SIGTERM');
    }
    await assert.rejects(
      engram(['keys', 'bootstrap-token', '--instance', created.instance_id, '--ttl-minutes', '0']),
      /1 to 10080 minutes/,
    );
    await assert.rejects(
      engram(['keys', 'bootstrap-token', '--instance', 'inst_ffffffffffffffff']),
      /does not exist/,
    );
  });

  it('fails start-up with a message naming a bad setting and its variable', async () => {
    await assert.rejects(
      engram(['serve'], { ENGRAM_PORT: 'eighty' }),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /"port" \(ENGRAM_PORT\)/);
        return true;
      },
    );
  });

  it('explains usage mistakes', async () => {
    await assert.rejects(
      engram(['instance', 'create', '--relationship', 'b2x', '--name', 'x']),
      /--relationship must be b2c or b2b/,
    );
    await assert.rejects(engram(['keys', 'create']), /needs --instance/);
    await assert.rejects(engram(['instance', 'create', '--name', 'x', '--bogus']), /Unknown option/);
  });
});
