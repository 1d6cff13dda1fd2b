import type { RequestRecord } from './request-log';
import type { ServiceLogLine } from './service-log-store';

/** One hop of a request across the stack: a request the gateway proxied, or a service seen only in its logs (a direct invoke). */
interface TraceHop {
  service: string;
  /** `gateway`: proxied by the gateway (method, path, status known); `invoke`: a service reached directly, known by its log lines. */
  via: 'gateway' | 'invoke';
  method: string | undefined;
  path: string | undefined;
  status: number | undefined;
  /** Milliseconds from the trace's first event. */
  offsetMs: number;
  durationMs: number;
  lines: ServiceLogLine[];
}

/** One correlation id's hops, in the order they started. */
export interface RequestTrace {
  correlationId: string;
  startedAt: number;
  /** The services the request reached, in order of their first hop. */
  services: string[];
  hops: TraceHop[];
}

/**
 * Puts together one request's trace from the gateway's records of that correlation id and the
 * services' log lines carrying it: each gateway hop gets its service's lines of its time window;
 * a service with lines but no gateway hop (inventory, invoked by orders through its Lambda
 * endpoint) is a hop of its own, from its first line (or a line's time less the `durationMs` it
 * reports) to its last.
 *
 * @example
 * const trace = buildRequestTrace('c-12345678', [], []);
 * trace.hops; // []
 */
export function buildRequestTrace(
  correlationId: string,
  requests: readonly RequestRecord[],
  lines: readonly ServiceLogLine[],
): RequestTrace {
  const proxied = [...requests]
    .filter((record) => record.correlationId === correlationId)
    .sort((a, b) => a.startedAt - b.startedAt);
  const own = lines.filter((line) => line.correlationId === correlationId);
  const hops: Array<Omit<TraceHop, 'offsetMs'> & { startedAt: number }> = proxied.map((record) => ({
    service: record.service,
    via: 'gateway',
    method: record.method,
    path: record.path,
    status: record.status,
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    lines: [],
  }));
  const direct = new Map<string, ServiceLogLine[]>();
  for (const line of own) {
    const candidates = hops.filter((hop) => hop.service === line.service);
    if (candidates.length === 0) {
      direct.set(line.service, [...(direct.get(line.service) ?? []), line]);
      continue;
    }
    // The hop whose window holds the line, else the last one started before it, else the first.
    const holder =
      candidates.find(
        (hop) => line.time >= hop.startedAt && line.time <= hop.startedAt + hop.durationMs + 50,
      ) ??
      [...candidates].reverse().find((hop) => hop.startedAt <= line.time) ??
      candidates[0];
    holder?.lines.push(line);
  }
  for (const [service, serviceLines] of direct) {
    // A line logged at the end of an invocation says how long it took: it started that much earlier.
    const first = Math.min(...serviceLines.map((line) => line.time - (line.durationMs ?? 0)));
    const last = Math.max(...serviceLines.map((line) => line.time));
    hops.push({
      service,
      via: 'invoke',
      method: undefined,
      path: undefined,
      status: undefined,
      startedAt: first,
      durationMs: last - first,
      lines: serviceLines,
    });
  }
  hops.sort((a, b) => a.startedAt - b.startedAt);
  const startedAt = hops[0]?.startedAt ?? 0;
  const services: string[] = [];
  for (const hop of hops) if (!services.includes(hop.service)) services.push(hop.service);
  return {
    correlationId,
    startedAt,
    services,
    hops: hops.map(({ startedAt: hopStart, ...hop }) => ({ ...hop, offsetMs: hopStart - startedAt })),
  };
}
