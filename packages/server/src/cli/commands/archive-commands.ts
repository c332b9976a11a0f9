import { once } from 'node:events';
import { createReadStream, statSync } from 'node:fs';
import { linesOf } from '../../admin/jsonl-lines.js';
import { commandConfig, parseCommandLine, printResult } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';
import { createProgressReporter, type ProgressReporter } from '../progress-reporter.js';
import { withServices } from './open-services.js';

/** `engram export --instance ID [--user ID]`: the JSONL archive on standard output. */
export async function runExportCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, { instance: { type: 'string' }, user: { type: 'string' } });
  if (!values.instance) throw new CliUsageError('export needs --instance INSTANCE_ID');
  const instanceId = values.instance;
  const progress = createProgressReporter('export');
  let lines = 0;
  await withServices(commandConfig(values), async (services) => {
    for await (const text of services.archive.exportLines(
      instanceId,
      values.user === undefined ? {} : { userId: values.user },
    )) {
      // Respect the pipe's back-pressure: a slow consumer must not fill memory.
      if (!process.stdout.write(text)) await once(process.stdout, 'drain');
      lines += text.split('\n').length - 1;
      progress.update(lines, { name: 'writing', unit: 'lines' });
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
  const progress = createProgressReporter('import');
  const total = file === '-' ? undefined : statSync(file).size;
  const input = countedBytes(file === '-' ? process.stdin : createReadStream(file), progress, total);
  try {
    const summary = await withServices(commandConfig(values), (services) =>
      services.archive.importLines(linesOf(input, { maxBytes: services.config.maxImportBytes }), {
        ...(values.instance !== undefined && { instanceId: values.instance }),
        author: values.author ?? 'import',
        // Reading is reported in bytes by countedBytes; the service's own counts are records.
        onProgress: (stage, count) => {
          if (stage !== 'reading') progress.update(count, { name: stage, unit: 'records' });
        },
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

/** Passes the stream's chunks through, reporting the bytes read so far (of `total`, when known). */
async function* countedBytes(
  stream: AsyncIterable<Uint8Array>,
  progress: ProgressReporter,
  total: number | undefined,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.byteLength;
    progress.update(bytes, { name: 'reading', unit: 'bytes', ...(total !== undefined && { total }) });
    yield chunk;
  }
}
