import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { PortOwner } from './errors';

/** TCP state `0A` in /proc/net/tcp{,6}: listening. */
const LISTEN = '0A';
/** Longest command shown in a message. */
export const MESSAGE_COMMAND_LENGTH = 160;

/**
 * The inodes of the sockets listening on `port`, read from `/proc/net/tcp` and `/proc/net/tcp6`
 * (`local_address` is `<hex ip>:<hex port>`, `st` the state, `inode` the tenth column).
 */
export function listeningSocketInodes(port: number, procRoot = '/proc'): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(join(procRoot, 'net', table), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const local = columns[1];
      const state = columns[3];
      const inode = columns[9];
      if (local === undefined || state !== LISTEN || inode === undefined || inode === '0') continue;
      const hexPort = local.slice(local.lastIndexOf(':') + 1);
      if (Number.parseInt(hexPort, 16) === port) inodes.add(inode);
    }
  }
  return inodes;
}

/** A process's command line from `/proc/<pid>/cmdline` (NUL-separated), cut to `maxLength` when given. */
export function commandLineOf(pid: number, procRoot = '/proc', maxLength = Infinity): string | undefined {
  try {
    const command = readFileSync(join(procRoot, String(pid), 'cmdline'), 'utf8')
      .split('\0')
      .filter((part) => part !== '')
      .join(' ');
    if (command === '') return undefined;
    return command.length > maxLength ? `${command.slice(0, maxLength - 1)}…` : command;
  } catch {
    return undefined;
  }
}

/**
 * The process listening on a TCP port, found the way `ss -p` does: the socket's inode from
 * `/proc/net/tcp{,6}`, then the process with a file descriptor on `socket:[inode]`. `undefined`
 * when there is no such socket or its process cannot be seen (another user's, no /proc).
 *
 * @example
 * findPortOwner(3000); // { pid: 4242, command: 'node server.js' }
 */
export function findPortOwner(port: number, procRoot = '/proc'): PortOwner | undefined {
  const inodes = listeningSocketInodes(port, procRoot);
  if (inodes.size === 0) return undefined;
  const targets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(join(procRoot, entry, 'fd'));
    } catch {
      continue;
    }
    for (const descriptor of descriptors) {
      let target: string;
      try {
        target = readlinkSync(join(procRoot, entry, 'fd', descriptor));
      } catch {
        continue;
      }
      if (targets.has(target)) {
        const pid = Number(entry);
        return { pid, command: commandLineOf(pid, procRoot, MESSAGE_COMMAND_LENGTH) ?? '(command unknown)' };
      }
    }
  }
  return undefined;
}
