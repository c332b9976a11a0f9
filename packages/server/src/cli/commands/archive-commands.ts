import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { linesOf } from '../../admin/jsonl-lines.js';
import { commandConfig, parseCommandLine, printResult } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';
import { withServices } from './open-services.js';

/** Progress on standard error: a bar in a terminal, a plain line every so often otherwise. */
function progressReporter(label: string) {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label} {bar} {value} lines`,
      stream: process.stderr,
      hideCursor: true,
    });
    let started = false;
    return {
      update(count: number) {
        if (!started) bar.start(count, 0);
        started = true;
        bar.setTotal(Math.max(count, bar.getTotal()));
        bar.update(count);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = 0;
  return {
    update(count: number) {
      if (count - last < 10_000) return;
      last = count;
      process.stderr.write(`${label}: ${count} lines\n`);
    },
    stop() {},
  };
}

/** `engram export --instance ID [--user ID]`: the JSONL archive on standard output. */
export async function runExportCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, { instance: { type: 'string' }, user: { type: 'string' } });
  if (!values.instance) throw new CliUsageError('export needs --instance INSTANCE_ID');
  const instanceId = values.instance;
  const progress = progressReporter('export');
  let lines = 0;
  await withServices(commandConfig(values), async (services) => {
    for await (const text of services.archive.exportLines(
      instanceId,
      values.user === undefined ? {} : { userId: values.user },
    )) {
      // Respect the pipe's back-pressure: a slow consumer must not fill memory.
      if (!process.stdout.write(text)) await once(process.stdout, 'drain');
      lines += text.split('\n').length - 1;
      progress.update(lines);
    }
  });
  progress.stop();
  return 0;
}

/** `engram import FILE [--instance ID]`: one transaction; a bad line is reported with its number. */
export async function runImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    instance: { type: 'string' },
    author: { type: 'string' },
  });
  const file = positionals[0];
  if (!file)
    throw new CliUsageError('import needs a FILE (an archive written by engram export), or - for stdin');
  const progress = progressReporter('import');
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    const summary = await withServices(commandConfig(values), (services) =>
      services.archive.importLines(linesOf(input), {
        ...(values.instance !== undefined && { instanceId: values.instance }),
        author: values.author ?? 'import',
        onProgress: (_stage, count) => progress.update(count),
      }),
    );
    progress.stop();
    printResult(
      values.json
        ? { instance_id: summary.instanceId, imported: summary.imported, skipped: summary.skipped }
        : {
            instance_id: summary.instanceId,
            imported: JSON.stringify(summary.imported),
            skipped: JSON.stringify(summary.skipped),
          },
      values.json === true,
    );
    return 0;
  } finally {
    progress.stop();
  }
}
