/** One log line as the console API serves it (GET /_console/api/logs/<service>). */
interface LogLine {
  time: number;
  line: string;
}

/**
 * Reads the last lines of one service from a running local stack's console API, and with
 * `follow` keeps printing new ones every `intervalMs` until `signal` aborts. Lines are written as
 * the service printed them.
 *
 * @example
 * await printServiceLogs({ gatewayUrl: 'http://127.0.0.1:3000', service: 'orders', limit: 50, write: (text) => process.stdout.write(text) });
 */
export async function printServiceLogs(options: {
  gatewayUrl: string;
  service: string;
  limit: number;
  write: (text: string) => void;
  follow?: { intervalMs: number; signal: AbortSignal };
}): Promise<number> {
  const url = `${options.gatewayUrl}/_console/api/logs/${encodeURIComponent(options.service)}`;
  let last = -Infinity;
  let printed = 0;
  const read = async (limit: number): Promise<void> => {
    const response = await fetch(`${url}?limit=${limit}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const { lines } = (await response.json()) as { lines: LogLine[] };
    for (const entry of lines.filter((line) => line.time > last)) {
      options.write(`${entry.line}\n`);
      printed += 1;
    }
    last = Math.max(last, ...lines.map((line) => line.time));
  };
  await read(options.limit);
  const follow = options.follow;
  while (follow && !follow.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, follow.intervalMs));
    if (!follow.signal.aborted) await read(500);
  }
  return printed;
}
