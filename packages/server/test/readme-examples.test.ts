// Runs the README's `ts readme-example` blocks, in order, against a real
// server, as a user would paste them: each is a module of its own in the
// repository's .tmp/ folder (so the workspace packages resolve), with the
// lines marked `// your model` pointed at stand-ins built on the frameworks'
// test models.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './support/test-server.js';

const run = promisify(execFile);
const repository = new URL('../../../', import.meta.url).pathname;
const scratch = join(repository, '.tmp', `readme-examples-${process.pid}`);

/** The README's example blocks, in order, each with the heading it sits under. */
function readmeExamples(): { heading: string; code: string }[] {
  const readme = readFileSync(join(repository, 'README.md'), 'utf8');
  const examples: { heading: string; code: string }[] = [];
  let heading = '';
  for (const match of readme.matchAll(/^(#{2,3} .*)$|^```ts readme-example\n([\s\S]*?)^```$/gm)) {
    if (match[1]) heading = match[1];
    else examples.push({ heading, code: match[2] ?? '' });
  }
  return examples;
}

/** The example with its `// your model` import replaced by the stand-ins. */
function withStandIns(code: string): string {
  const standIns = join(repository, 'packages/server/test/support/readme-stand-ins.ts');
  return code.replace(
    /^import \{ (\w+) \} from '[^']+'; \/\/ your model$/m,
    `import { $1 } from '${standIns}';`,
  );
}

describe('README examples', () => {
  let server: TestServer;
  let apiKey: string;
  const examples = readmeExamples();

  before(async () => {
    server = await startTestServer();
    apiKey = (await server.createInstance('b2c')).apiKey;
    mkdirSync(scratch, { recursive: true });
  });
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await server.dispose();
  });

  it('has one example per integration', () => {
    assert.deepEqual(
      examples.map((example) => example.heading),
      [
        '### MCP server (`@engram/mcp`)',
        '### Vercel AI SDK (`@engram/ai-sdk`, for `ai` 6)',
        '### LangChain.js (`@engram/langchain`, for `@langchain/core` 1)',
      ],
    );
  });

  it('runs each example, and memory written by the first reaches the models of the others', async () => {
    const outputs: string[] = [];
    for (const [index, example] of examples.entries()) {
      const file = join(scratch, `example-${index}.mts`);
      writeFileSync(file, withStandIns(example.code));
      const { stdout } = await run(process.execPath, [file], {
        cwd: repository,
        env: { ...process.env, ENGRAM_URL: server.url, ENGRAM_API_KEY: apiKey },
      });
      outputs.push(stdout.trim());
    }
    assert.match(outputs[0] ?? '', /- \((fact|preference)\) .*coffee black/i);
    assert.equal(outputs[1], 'stand-in model; memory in prompt: true');
    assert.equal(outputs[2], 'stand-in model; memory in prompt: true');
  });
});
