import { readFileSync } from 'node:fs';

/** `st` of a listening socket in /proc/net/tcp (TCP_LISTEN). */
const TCP_LISTEN = '0A';

/** An IPv4 address as /proc/net/tcp writes it: one 32-bit word in host (little-endian) order. */
function ipv4(hex: string): string {
  const bytes = Buffer.from(hex, 'hex').reverse();
  return [...bytes].join('.');
}

/** An IPv6 address as /proc/net/tcp6 writes it: four 32-bit words, each in host order. */
function ipv6(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = Buffer.concat(words.map((word) => Buffer.from(word, 'hex').reverse()));
  const groups = (bytes.toString('hex').match(/.{4}/g) ?? []).join(':');
  return new URL(`http://[${groups}]`).hostname; // compressed: `[::1]`, `[::]`, `[::ffff:7f00:1]`
}

function listeningIn(file: string, port: number, address: (hex: string) => string): string[] {
  let table: string;
  try {
    table = readFileSync(file, 'utf8');
  } catch {
    return []; // no IPv6 on this machine
  }
  const found: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    const [hex = '', portHex = ''] = (local ?? '').split(':');
    if (state === TCP_LISTEN && Number.parseInt(portHex, 16) === port) found.push(address(hex));
  }
  return found;
}

/**
 * The local addresses of the TCP sockets listening on `port` on this (Linux) machine, read from
 * /proc/net/tcp and /proc/net/tcp6: `['127.0.0.1']` for a server bound to loopback only,
 * `['0.0.0.0']` or `['[::]']` for one listening on every interface. Empty when nothing listens.
 *
 * @example
 * declare const dynamoDbLocalPort: number; // a DynamoDB Local started by startDynamoDbLocal()
 * listeningAddresses(dynamoDbLocalPort); // ['127.0.0.1']
 */
export function listeningAddresses(port: number): string[] {
  return [...listeningIn('/proc/net/tcp', port, ipv4), ...listeningIn('/proc/net/tcp6', port, ipv6)];
}
