import { SingleBar } from 'cli-progress';

/** Where progress goes: standard error, or any stream with the same shape (tests pass their own). */
export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

/** One stage of a run: what is counted, and how many there will be when known. */
export interface ProgressStage {
  name: string;
  unit: string;
  /** Known up front (a file's size): the bar shows the share done; unknown: the count alone. */
  total?: number;
}

/** Tells the user how a long CLI run is going. */
export interface ProgressReporter {
  /** `count` units of `stage` done; a new stage name starts a new bar or line. */
  update(count: number, stage: ProgressStage): void;
  /** Ends the report (the bar is finished, a last plain line written). Idempotent. */
  stop(): void;
}

/** Plain lines off a terminal: at most one every this many units within a stage. */
const PLAIN_LINE_EVERY = 10_000;

/**
 * Progress on `stream`: a cli-progress bar when it is a terminal (a filling
 * bar when the stage's total is known, a live count otherwise), plain
 * `label: stage N unit` lines when it is not, so logs and pipes get no
 * escape codes: one when a stage starts, one every
 * {@link PLAIN_LINE_EVERY} units, and the last count when a stage ends.
 */
export function createProgressReporter(
  label: string,
  stream: ProgressStream = process.stderr,
): ProgressReporter {
  return stream.isTTY ? barReporter(label, stream) : plainReporter(label, stream);
}

function barReporter(label: string, stream: ProgressStream): ProgressReporter {
  let bar: SingleBar | undefined;
  let current: ProgressStage | undefined;
  return {
    update(count, stage) {
      if (bar === undefined || stage.name !== current?.name) {
        bar?.stop();
        current = stage;
        const known = stage.total !== undefined;
        bar = new SingleBar({
          format: known
            ? `${label} ${stage.name} {bar} {percentage}% {value}/{total} ${stage.unit}`
            : `${label} ${stage.name} {value} ${stage.unit}`,
          stream,
          hideCursor: true,
        });
        bar.start(stage.total ?? count, count);
      }
      const active = bar as SingleBar;
      if (current?.total === undefined) active.setTotal(Math.max(count, active.getTotal()));
      active.update(count);
    },
    stop() {
      bar?.stop();
      bar = undefined;
      current = undefined;
    },
  };
}

function plainReporter(label: string, stream: ProgressStream): ProgressReporter {
  let current: ProgressStage | undefined;
  let count = 0;
  let written = -1;
  const line = () => {
    const stage = current as ProgressStage;
    const of = stage.total === undefined ? '' : `/${stage.total}`;
    stream.write(`${label}: ${stage.name} ${count}${of} ${stage.unit}\n`);
    written = count;
  };
  return {
    update(next, stage) {
      if (stage.name !== current?.name) {
        // The stage that ends gets its last count before the next one starts.
        if (current !== undefined && written !== count) line();
        current = stage;
        count = next;
        line();
        return;
      }
      count = next;
      if (count - written >= PLAIN_LINE_EVERY) line();
    },
    stop() {
      if (current !== undefined && written !== count) line();
      current = undefined;
    },
  };
}
