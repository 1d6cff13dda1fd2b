/** `localhost`, `127.0.0.1` or `[::1]`, with or without a port. */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether a request's `Host` names the loopback interface. The local stack's servers listen on
 * 127.0.0.1 only, so a browser reaches them only through a name it resolved to 127.0.0.1: a page of
 * `evil.example` that rebinds its name to 127.0.0.1 (DNS rebinding) sends `Host: evil.example`, and
 * is refused. Names under `.localhost` are not accepted either: nothing of the stack uses them.
 *
 * @example
 * isLoopbackHost('localhost:3000'); // true
 * isLoopbackHost('evil.example:3000'); // false
 */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}
