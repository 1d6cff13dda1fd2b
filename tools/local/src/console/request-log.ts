/** One request the gateway proxied to a service, as the console lists it. */
export interface RequestRecord {
  /** Epoch milliseconds when the gateway received it. */
  startedAt: number;
  service: string;
  method: string;
  /** The path as the client sent it (`/orders/…`), query left out. */
  path: string;
  /** The status the client got (0: the connection closed before an answer). */
  status: number;
  durationMs: number;
  correlationId: string;
}

/** What {@link RequestLog.list} keeps: every given field must match. */
export interface RequestFilter {
  service?: string;
  /** `200`, or a class: `4xx`, `5xx`. */
  status?: string;
  correlationId?: string;
}

function statusMatches(status: number, wanted: string): boolean {
  const trimmed = wanted.trim().toLowerCase();
  if (trimmed === '') return true;
  const klass = /^([1-5])xx$/.exec(trimmed);
  if (klass) return Math.floor(status / 100) === Number(klass[1]);
  return String(status) === trimmed;
}

/**
 * The last requests the gateway proxied, in a bounded ring (the oldest dropped first).
 *
 * @example
 * const log = new RequestLog(2);
 * log.add({ startedAt: 1, service: 'orders', method: 'POST', path: '/orders', status: 201, durationMs: 80, correlationId: 'c-12345678' });
 * log.list({ status: '2xx' }).length; // 1
 */
export class RequestLog {
  private readonly records: RequestRecord[] = [];

  constructor(private readonly capacity = 1000) {}

  add(record: RequestRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  /** The matching records, newest first. */
  list(filter: RequestFilter = {}): RequestRecord[] {
    const cid = filter.correlationId?.trim() ?? '';
    return this.records
      .filter(
        (record) =>
          (!filter.service || record.service === filter.service) &&
          (filter.status === undefined || statusMatches(record.status, filter.status)) &&
          (cid === '' || record.correlationId === cid),
      )
      .reverse();
  }
}
