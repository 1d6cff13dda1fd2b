import type { DevStackProcess } from '../src/dev-stack-process';
import { residentKib } from '../src/process-table';
import { round1 } from './bench-report';

/** The resident memory of every process of a running stack, and their sum. */
export interface StackSample {
  totalMiB: number;
  processes: Array<{ pid: number; role: string; rssMiB: number }>;
}

/** What a process of the stack is, from its command line. */
function roleOf(command: string): string {
  if (command.includes('DynamoDBLocal')) return 'dynamodb-local (java)';
  const offline = /offline start .*--httpPort (\d+)/.exec(command);
  if (offline) return `serverless-offline :${offline[1]}`;
  if (command.includes('esbuild') && command.includes('--service')) return 'esbuild service';
  if (command.includes('tools/local/src/cli/dev.ts')) return 'dev.ts (node --import tsx)';
  if (command.includes('process.stdin')) return 'orphan reaper';
  return command.slice(0, 60);
}

/**
 * VmRSS (/proc/<pid>/status) of the stack's CLI and every process below it, in MiB.
 *
 * @example
 * declare const stack: DevStackProcess;
 * sampleStack(stack).totalMiB; // 338.8
 */
export function sampleStack(stack: DevStackProcess): StackSample {
  const processes = stack.processes().flatMap((entry) => {
    const kib = residentKib(entry.pid);
    return kib === undefined
      ? []
      : [{ pid: entry.pid, role: roleOf(entry.command), rssMiB: round1(kib / 1024) }];
  });
  return { totalMiB: round1(processes.reduce((sum, entry) => sum + entry.rssMiB, 0)), processes };
}
