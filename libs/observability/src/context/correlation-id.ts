import { randomUUID } from 'node:crypto';

/**
 * What an incoming correlation id (the `x-correlation-id` header, or a payload's `correlationId`)
 * must look like to be accepted: 8 to 128 letters, digits, dots, underscores or hyphens.
 *
 * @example
 * CORRELATION_ID_PATTERN.test('order-2024.01_abc'); // true
 * CORRELATION_ID_PATTERN.test('short'); // false
 */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The candidate when it is a string matching {@link CORRELATION_ID_PATTERN}, otherwise a new random
 * UUID (which matches the pattern). Never throws, whatever the candidate.
 *
 * @example
 * resolveCorrelationId('req-12345678'); // 'req-12345678'
 * resolveCorrelationId('<script>'); // e.g. '3b241101-e2bb-4255-8caf-4136c566a962'
 * resolveCorrelationId(undefined); // a new UUID
 */
export function resolveCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && CORRELATION_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}
