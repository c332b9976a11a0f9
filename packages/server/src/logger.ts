/** Log levels in increasing severity; `silent` disables output. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const SEVERITY: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

/** Structured fields of a log line. Never put user content, keys or queries here. */
export type LogFields = Record<string, unknown>;

/** A minimal structured logger: one JSON object per line, `event` names are noun-verb. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/**
 * Writes JSON lines (`{"time","level","event",...fields}`) to `write`, which
 * defaults to stdout. Lines under `level` are dropped before formatting, so
 * debug logging costs nothing when off.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const threshold = SEVERITY[level];
  const log =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (event: string, fields: LogFields = {}) => {
      if (SEVERITY[lineLevel] < threshold) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, event, ...fields })}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
