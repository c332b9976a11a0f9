import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak resident set size (VmHWM, bytes) of the largest process in a process
 * group, read from /proc (Linux). The server runs as `npx → node`, so the
 * largest member is the server itself. Undefined where /proc is unavailable.
 */
export function peakRssOfProcessGroup(processGroup: number): number | undefined {
  return largestOfProcessGroup(processGroup, 'VmHWM');
}

/** Current resident set size (VmRSS, bytes) of the largest process in a process group; undefined without /proc. */
export function rssOfProcessGroup(processGroup: number): number | undefined {
  return largestOfProcessGroup(processGroup, 'VmRSS');
}

function largestOfProcessGroup(processGroup: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  let peak: number | undefined;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp ...
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(afterName[2]) !== processGroup) continue;
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match?.[1]) peak = Math.max(peak ?? 0, Number(match[1]) * 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  return peak;
}

/**
 * CPU seconds (user + system, all threads) used so far by the members of a
 * process group, from /proc/<pid>/stat (Linux); undefined without /proc.
 * Processes that already exited are not counted.
 */
export function cpuSecondsOfProcessGroup(processGroup: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(afterName[2]) !== processGroup) continue;
      // utime and stime: fields 14 and 15 of stat, 12 and 13 after the name.
      ticks += Number(afterName[11]) + Number(afterName[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  // USER_HZ is 100 on every Linux this runs on.
  return ticks / 100;
}

/** Pids of the members of a process group whose command line contains `word` (Linux /proc; [] without it). */
export function processGroupMembers(processGroup: number, word: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(afterName[2]) !== processGroup) continue;
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (commandLine.includes(word) && commandLine[0]?.endsWith('node')) found.push(Number(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
