import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineOf } from './port-owner';

/** One process, as /proc shows it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Process group. */
  pgid: number;
  /** Start time in clock ticks since boot: with the pid, identifies the process even if the pid is reused. */
  startTime: number;
  /** `R`, `S`, … and `Z` for a zombie: dead, waiting for its parent to reap it. */
  state: string;
  command: string;
}

/**
 * Reads `/proc/<pid>/stat` (the command name in parentheses may itself hold spaces and
 * parentheses, so the fields are counted from the last `)`).
 */
export function readProcess(pid: number, procRoot = '/proc'): ProcessEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state(0) ppid(1) pgrp(2) session(3) … starttime(19).
  const state = fields[0] ?? '?';
  const ppid = Number(fields[1]);
  const pgid = Number(fields[2]);
  const startTime = Number(fields[19]);
  if (!Number.isFinite(ppid) || !Number.isFinite(startTime)) return undefined;
  return { pid, ppid, pgid, startTime, state, command: commandLineOf(pid, procRoot) ?? '' };
}

/** Whether a process is dead (a zombie, or exiting) though /proc still lists it. */
function isDead(entry: ProcessEntry): boolean {
  return entry.state === 'Z' || entry.state === 'X';
}

/** Every live process /proc shows (zombies left out). */
export function listProcesses(procRoot = '/proc'): ProcessEntry[] {
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    const found = readProcess(Number(entry), procRoot);
    return found && !isDead(found) ? [found] : [];
  });
}

/** `pid` and every process below it (children, their children, …). */
export function processTree(
  pid: number,
  processes: readonly ProcessEntry[] = listProcesses(),
): ProcessEntry[] {
  const byParent = new Map<number, ProcessEntry[]>();
  for (const entry of processes) byParent.set(entry.ppid, [...(byParent.get(entry.ppid) ?? []), entry]);
  const root = processes.find((entry) => entry.pid === pid);
  const tree = root ? [root] : [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of byParent.get(next) ?? []) {
      tree.push(child);
      queue.push(child.pid);
    }
  }
  return tree;
}

/** The processes of `entries` still running (same pid and start time, not a zombie). */
export function stillRunning(entries: readonly ProcessEntry[], procRoot = '/proc'): ProcessEntry[] {
  return entries.filter((entry) => {
    const now = readProcess(entry.pid, procRoot);
    return now !== undefined && now.startTime === entry.startTime && !isDead(now);
  });
}

/** The processes whose command line contains one of `needles` (`--httpPort 40123`, `-port 8000`). */
export function processesMentioning(
  needles: readonly string[],
  processes: readonly ProcessEntry[] = listProcesses(),
): ProcessEntry[] {
  return processes.filter((entry) =>
    needles.some((needle) =>
      new RegExp(`${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`).test(entry.command),
    ),
  );
}

/**
 * Whether a process with this pid runs (one of another user's counts: signalling it is refused).
 *
 * @example
 * isAlive(process.pid); // true
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** A process's resident memory in KiB (`VmRSS` of /proc/<pid>/status); `undefined` when gone. */
export function residentKib(pid: number, procRoot = '/proc'): number | undefined {
  try {
    const status = readFileSync(join(procRoot, String(pid), 'status'), 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] === undefined ? 0 : Number(match[1]);
  } catch {
    return undefined;
  }
}
