import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The `engram` command's entry script. */
export const ENGRAM_BIN = fileURLToPath(new URL('../../bin/engram.js', import.meta.url));

/** A running `engram serve` process. */
export interface EngramProcess {
  child: ChildProcess;
  /** The URL from its `server-listening` log line. */
  url: string;
}

/**
 * Starts `engram serve --port 0` as a child process with `env`, resolving once
 * it logs `server-listening`; rejects with its output if it exits first.
 */
export function serveEngram(env: NodeJS.ProcessEnv): Promise<EngramProcess> {
  const child = spawn(process.execPath, [ENGRAM_BIN, 'serve', '--port', '0'], { env });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"event":"server-listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

/** An instance created by `engram instance create --json`. */
export interface CreatedInstance {
  api_key: string;
  instance_id: string;
}

/**
 * Runs `engram instance create --name NAME --relationship b2c --json` with
 * `env` (its data directory) and returns the new instance's id and key.
 */
export async function createInstanceByCli(env: NodeJS.ProcessEnv, name: string): Promise<CreatedInstance> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [ENGRAM_BIN, 'instance', 'create', '--name', name, '--relationship', 'b2c', '--json'],
    { env },
  );
  return JSON.parse(stdout) as CreatedInstance;
}

/** A running `engram worker` process and everything it printed so far. */
export interface EngramWorkerProcess {
  child: ChildProcess;
  output(): string;
}

/**
 * Starts `engram worker` as a child process with `env`, resolving once it
 * logs `worker-started`; rejects with its output if it exits first.
 */
export function startEngramWorker(env: NodeJS.ProcessEnv): Promise<EngramWorkerProcess> {
  const child = spawn(process.execPath, [ENGRAM_BIN, 'worker'], { env });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', () => {
      if (output.includes('"event":"worker-started"')) resolve({ child, output: () => output });
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
}

/** Resolves with the exit code once `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
