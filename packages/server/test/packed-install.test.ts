// The packages as a user installs them: `npm pack` of every workspace, then
// `npm ci --offline` of the tarballs into empty directories outside the
// repository (the server with the packages it depends on; the SDK alone), then
// `npx engram serve` and `npx engram mcp` there, and the SDK imported from plain ESM and CommonJS
// against it. Slow (the native SQLite binding compiles during the install).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  cleanEnvironment,
  installOffline,
  type PackedPackage,
  packPackage,
  writeOfflineProject,
} from './support/offline-install.js';

const run = promisify(execFile);
const repository = new URL('../../../', import.meta.url).pathname;
const workspaces = [
  'protocol',
  'core',
  'store-sqlite',
  'store-postgres',
  'embedder-glove',
  'provider-openai',
  'sdk',
  'mcp',
  'server',
];
const root = mkdtempSync(join(tmpdir(), 'engram-packed-'));
const serverProject = join(root, 'server-project');
const sdkProject = join(root, 'sdk-project');

/** Starts `npx engram serve` in the server project; resolves with its URL and the key it printed. */
function serve(dataDir: string) {
  // Its own process group: npx starts the server as a child of its own, and both must stop.
  const child = spawn('npx', ['--offline', 'engram', 'serve', '--port', '0'], {
    cwd: serverProject,
    env: cleanEnvironment({ ENGRAM_DATA_DIR: dataDir }),
    detached: true,
  });
  let output = '';
  const listening = new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"event":"server-listening","url":"([^"]+)"/.exec(output)?.[1];
      const apiKey = /api_key:\s+(synap_\S+)/.exec(output)?.[1];
      if (url && apiKey) resolve({ url, apiKey });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`engram serve exited with ${code}: ${output}`)));
  });
  return { child, listening };
}

/** Runs `source` with plain Node (no tsx, no source condition) in the SDK project. */
async function nodeIn(file: string, source: string, env: Record<string, string>): Promise<string> {
  writeFileSync(join(sdkProject, file), source);
  const { stdout } = await run(process.execPath, [file], { cwd: sdkProject, env: cleanEnvironment(env) });
  return stdout.trim();
}

describe('packed tarballs installed outside the repository', { timeout: 600_000 }, () => {
  const packed: PackedPackage[] = [];
  let server: ReturnType<typeof serve> | undefined;

  before(async () => {
    const tarballs = join(root, 'tarballs');
    mkdirSync(tarballs);
    for (const name of workspaces)
      packed.push(await packPackage(join(repository, 'packages', name), tarballs));
    for (const [dir, names] of [
      [serverProject, packed],
      [sdkProject, packed.filter(({ name }) => name === '@engram/sdk')],
    ] as const) {
      mkdirSync(dir);
      const copies = names.map(({ name, tarball }) => {
        const copy = join(dir, basename(tarball));
        copyFileSync(tarball, copy);
        return { name, tarball: copy };
      });
      writeOfflineProject(dir, copies, join(repository, 'package-lock.json'));
      await installOffline(dir);
    }
  });

  after(() => {
    if (server?.child.pid) process.kill(-server.child.pid, 'SIGTERM');
    rmSync(root, { recursive: true, force: true });
  });

  it('installs the SDK with zod as its only dependency', () => {
    const installed = readdirSync(join(sdkProject, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(installed.sort(), ['@engram', 'zod']);
    assert.deepEqual(readdirSync(join(sdkProject, 'node_modules/@engram')), ['sdk']);
  });

  it('serves with `npx engram serve` from the installed server, with no tsx installed', async () => {
    assert.ok(!readdirSync(join(serverProject, 'node_modules')).includes('tsx'), 'tsx is not a dependency');
    server = serve(join(root, 'data'));
    const { url } = await server.listening;
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
    assert.equal(health.status, 'ok');
  });

  it('serves the MCP tools over stdio with `npx engram mcp` from the installed server', async () => {
    assert.ok(server, 'the server test ran first');
    const { url, apiKey } = await server.listening;
    const client = new Client({ name: 'packed-install', version: '1.0.0' });
    const env = cleanEnvironment({ ENGRAM_API_KEY: apiKey });
    await client.connect(
      new StdioClientTransport({
        command: 'npx',
        args: ['--offline', 'engram', 'mcp', '--url', url],
        cwd: serverProject,
        env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1])),
      }),
    );
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((tool) => tool.name === 'recall_context'));
      const listed = await client.callTool({ name: 'list_recent_memories', arguments: {} });
      assert.ok(!listed.isError, JSON.stringify(listed));
    } finally {
      await client.close();
    }
  });

  it('imports EngramClient from ESM and requires it from CommonJS, and both reach the server', async () => {
    assert.ok(server, 'the server test ran first');
    const { url, apiKey } = await server.listening;
    const env = { ENGRAM_URL: url, ENGRAM_KEY: apiKey };
    const call = (load: string) => `${load}
const client = new EngramClient({ apiKey: process.env.ENGRAM_KEY, baseUrl: process.env.ENGRAM_URL, retry: false });
client.whoami().then((identity) => console.log(identity.relationship));
`;
    assert.equal(await nodeIn('esm.mjs', call("import { EngramClient } from '@engram/sdk';"), env), 'b2c');
    assert.equal(
      await nodeIn('cjs.cjs', call("const { EngramClient } = require('@engram/sdk');"), env),
      'b2c',
    );
  });

  it('type-checks an ESM and a CommonJS consumer against the installed declarations', async () => {
    const consumer = (kind: 'mts' | 'cts') => {
      const file = join(sdkProject, `consumer.${kind}`);
      // In a .cts file this import compiles to require(), so it reads the CommonJS declarations.
      const load = "import { EngramClient, type MemoryItem } from '@engram/sdk';";
      writeFileSync(
        file,
        `${load}\nconst client: EngramClient = new EngramClient({ apiKey: 'k' });\nexport const items: MemoryItem[] = [];\nexport const id: string | undefined = client.instanceId;\n`,
      );
      return file;
    };
    const tsc = join(repository, 'node_modules/typescript/bin/tsc');
    const files = [consumer('mts'), consumer('cts')];
    await run(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', ...files],
      { cwd: sdkProject, env: cleanEnvironment() },
    );
  });
});
