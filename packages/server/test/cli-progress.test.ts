// Progress of long CLI runs: a cli-progress bar on a terminal, plain lines elsewhere.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createProgressReporter, type ProgressStream } from '../src/cli/progress-reporter.js';

function capture(isTTY: boolean): { stream: ProgressStream; text: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 100;
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('CLI progress', () => {
  it('draws a filling bar on a terminal when the total is known, a live count when it is not', async () => {
    const { stream, text } = capture(true);
    const progress = createProgressReporter('import', stream);
    const reading = { name: 'reading', unit: 'bytes', total: 4_000 };
    progress.update(1_000, reading);
    progress.update(4_000, reading);
    progress.update(2_100, { name: 'writing', unit: 'records' });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    const output = text();
    assert.match(
      output,
      /import reading \S*-+\S* 25% 1000\/4000 bytes/,
      'a quarter full: filled and empty parts',
    );
    assert.match(output, /import reading \S+ 100% 4000\/4000 bytes/);
    assert.match(output, /import writing 2100 records/);
    assert.ok(output.includes('\u001b['), 'terminal control codes');
  });

  it('writes plain lines when not a terminal: each stage, every 10,000 units, and the last count', async () => {
    const { stream, text } = capture(false);
    const progress = createProgressReporter('export', stream);
    for (let count = 1; count <= 25_000; count += 1)
      progress.update(count, { name: 'writing', unit: 'lines' });
    progress.update(7, { name: 'done', unit: 'records', total: 7 });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(text().trim().split('\n'), [
      'export: writing 1 lines',
      'export: writing 10001 lines',
      'export: writing 20001 lines',
      'export: writing 25000 lines',
      'export: done 7/7 records',
    ]);
  });
});
