import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ProcessIdentity, ProcessLiveness, WorkerNode } from '@engram/core';

/** Reads a file as text, or undefined where it does not exist (no /proc, a process gone). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A process's start marker on Linux: the boot id and the start time in
 * clock ticks since boot (field 22 of /proc/PID/stat, read after the command
 * name, which may hold spaces). A pid reused by a later process, even after a
 * container restart where pids start over, has another marker. '' elsewhere.
 */
export function processStartOf(pid: number | 'self'): string {
  const boot = readText('/proc/sys/kernel/random/boot_id')?.trim();
  const stat = readText(`/proc/${pid}/stat`);
  if (boot === undefined || stat === undefined) return '';
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the name start at field 3 (state), so field 22 is index 19.
  const startTicks = fields[19];
  return startTicks === undefined ? '' : `${boot}:${startTicks}`;
}

/** True when no process has this pid (signal 0 tests existence without sending anything). */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * {@link ProcessLiveness} for worker processes on this host: a node of
 * another host is never proved gone (its lease decides); on this host it is
 * gone when its pid is free, or when the pid now belongs to a process with
 * another start marker.
 */
export class LocalProcessLiveness implements ProcessLiveness {
  private readonly host = hostname();
  private readonly identity: ProcessIdentity = {
    host: this.host,
    pid: process.pid,
    processStart: processStartOf('self'),
  };

  self(): ProcessIdentity {
    return this.identity;
  }

  isGone(node: WorkerNode): boolean {
    if (node.host !== this.host) return false;
    if (!pidExists(node.pid)) return true;
    if (node.processStart === '') return false;
    const current = processStartOf(node.pid);
    return current !== '' && current !== node.processStart;
  }
}
