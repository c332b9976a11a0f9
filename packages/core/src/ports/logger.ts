/** Structured fields of a log line. Never put user content, keys or queries here. */
export type LogFields = Record<string, unknown>;

/** Structured logging; `event` names are noun-verb ("job-failed"). */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
