import { createConnection, createServer } from 'node:net';
import { findFreePort } from '@platform/testing';
import { LocalStackError, PortInUseError } from './errors';
import { findPortOwner } from './port-owner';

/** The ports one service's serverless-offline listens on. */
export interface ServicePorts {
  http: number;
  lambda: number;
  websocket: number;
  alb: number;
}

/** Whether `error` is Node's "address already in use". */
export function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

/** A {@link PortInUseError} for `port`, naming the process that holds it when /proc shows it. */
export function portInUseError(port: number, purpose: string, hint: string, cause?: unknown): PortInUseError {
  return new PortInUseError(port, purpose, findPortOwner(port), hint, { cause });
}

/**
 * Throws a {@link PortInUseError} (naming the holder) when `port` cannot be bound on `host`;
 * resolves when it is free. Used for ports the stack is told to use (DynamoDB's, when pinned).
 */
export function assertPortFree(
  port: number,
  purpose: string,
  hint: string,
  host = '127.0.0.1',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => {
      reject(isAddressInUse(error) ? portInUseError(port, purpose, hint, error) : error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * `count` distinct free ports, all chosen before anything listens on them, so that every
 * service's environment can name every other service's ports before any of them starts.
 */
export async function allocatePorts(
  count: number,
  taken: ReadonlySet<number> = new Set(),
): Promise<number[]> {
  const chosen = new Set<number>();
  for (let attempts = 0; chosen.size < count; attempts += 1) {
    if (attempts > count * 20) throw new LocalStackError(`could not find ${count} free ports`);
    const port = await findFreePort();
    if (!taken.has(port)) chosen.add(port);
  }
  return [...chosen];
}

/** Allocates the four ports of each service (http, lambda, websocket, alb), all distinct. */
export async function allocateServicePorts(
  services: readonly string[],
  taken: ReadonlySet<number> = new Set(),
): Promise<Map<string, ServicePorts>> {
  const ports = await allocatePorts(services.length * 4, taken);
  const result = new Map<string, ServicePorts>();
  services.forEach((service, index) => {
    const [http, lambda, websocket, alb] = ports.slice(index * 4, index * 4 + 4);
    if (http === undefined || lambda === undefined || websocket === undefined || alb === undefined) {
      throw new LocalStackError(`port allocation for ${service} came up short`);
    }
    result.set(service, { http, lambda, websocket, alb });
  });
  return result;
}

/** Whether something accepts TCP connections on `host:port` now. */
function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Resolves once `host:port` accepts connections; rejects after `timeoutMs`, or as soon as
 * `abandoned()` says to stop waiting (the process that should listen has exited).
 */
export async function waitForPort(
  port: number,
  options: { timeoutMs: number; host?: string; abandoned?: () => boolean; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await isListening(port, options.host)) return;
    if (options.abandoned?.()) throw new LocalStackError(`gave up waiting for port ${port}`);
    if (Date.now() > deadline) {
      throw new LocalStackError(`nothing listens on port ${port} after ${options.timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
