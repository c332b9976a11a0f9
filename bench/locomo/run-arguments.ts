import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_LOCOMO_PATH } from './locomo-dataset.js';

/** Retrieval modes the protocol queries with. */
export const RETRIEVAL_MODES = ['fast', 'accurate'] as const;
/** One of {@link RETRIEVAL_MODES}. */
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

const positiveInteger = (name: string) =>
  z.coerce
    .number({ message: `${name} must be a positive integer` })
    .int(`${name} must be a positive integer`)
    .positive(`${name} must be a positive integer`);

const argumentsSchema = z
  .object({
    path: z.string().min(1).default(DEFAULT_LOCOMO_PATH),
    baseUrl: z.url({ message: '--base-url must be a URL' }).optional(),
    apiKey: z.string().min(1).optional(),
    modes: z
      .string()
      .default(RETRIEVAL_MODES.join(','))
      .transform((value) => [...new Set(value.split(',').map((mode) => mode.trim()))])
      .pipe(z.array(z.enum(RETRIEVAL_MODES, { message: '--modes takes fast, accurate or both' })).min(1)),
    samples: positiveInteger('--samples').optional(),
    offset: z.coerce
      .number({ message: '--offset must be a non-negative integer' })
      .int('--offset must be a non-negative integer')
      .nonnegative('--offset must be a non-negative integer')
      .default(0),
    restyle: z.boolean().default(false),
    casual: z.boolean().default(false),
    concurrency: positiveInteger('--concurrency').default(4),
    ingestTimeoutS: positiveInteger('--ingest-timeout-s').default(600),
    skipIngest: z.boolean().default(false),
  })
  .refine((value) => (value.baseUrl === undefined) === (value.apiKey === undefined), {
    message: '--base-url and --api-key go together',
  })
  .refine((value) => !value.skipIngest || value.baseUrl !== undefined, {
    message: '--skip-ingest needs --base-url (a fresh server holds nothing)',
  });

/** Validated command line of `run-locomo.ts`. */
export type RunArguments = z.infer<typeof argumentsSchema>;

/** Usage text printed on bad arguments. */
export const USAGE = `usage: npm run bench:locomo -- [path-to-locomo.json] [--base-url URL --api-key KEY]
       [--modes fast,accurate] [--samples N] [--offset N] [--restyle | --casual]
       [--concurrency 4] [--ingest-timeout-s 600] [--skip-ingest]
Any file in the LoCoMo format is accepted. --offset skips the first N samples (report on
conversations not fitted on); --restyle rewrites them as real chat logs look (lower-case
handles, one message per sentence, two sessions per document; see restyle.ts); --casual restyles them and types every message
in lower case without apostrophes or full stops.
Without --base-url a private server is started (npx engram serve) and stopped at the end.`;

/**
 * Parses and validates the runner's command line.
 * @throws Error naming the bad option, with {@link USAGE} appended.
 */
export function parseRunArguments(argv: readonly string[]): RunArguments {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'base-url': { type: 'string' },
        'api-key': { type: 'string' },
        modes: { type: 'string' },
        samples: { type: 'string' },
        offset: { type: 'string' },
        restyle: { type: 'boolean' },
        casual: { type: 'boolean' },
        concurrency: { type: 'string' },
        'ingest-timeout-s': { type: 'string' },
        'skip-ingest': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new Error(`one dataset path at most\n${USAGE}`);
  const result = argumentsSchema.safeParse({
    path: positionals[0],
    baseUrl: values['base-url'],
    apiKey: values['api-key'],
    modes: values.modes,
    samples: values.samples,
    offset: values.offset,
    restyle: values.restyle,
    casual: values.casual,
    concurrency: values.concurrency,
    ingestTimeoutS: values['ingest-timeout-s'],
    skipIngest: values['skip-ingest'],
  });
  if (!result.success)
    throw new Error(`${result.error.issues.map((issue) => issue.message).join('; ')}\n${USAGE}`);
  return { ...result.data, baseUrl: result.data.baseUrl?.replace(/\/+$/, '') };
}
