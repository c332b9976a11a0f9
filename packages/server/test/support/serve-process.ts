import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `engram` command of this package. */
export const ENGRAM_BIN = fileURLToPath(new URL('../../bin/engram.js', import.meta.url));

/** Starts `engram serve --port 0` as a child process; resolves once it logs its URL. */
export function serveProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
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
