import type { Level } from 'pino';
import { getLogger } from '../logging/shared-logger';

type ForwardedLevel = Extract<Level, 'debug' | 'info' | 'warn' | 'error'>;

function forwardTo(level: ForwardedLevel): (...content: unknown[]) => void {
  return (...content) => getLogger()[level](content.map(String).join(' '));
}

/**
 * What Powertools Metrics says about itself (a dropped dimension, an overwritten key) goes to the
 * shared logger as a JSON line of the same level, not to the console as plain text.
 */
export const powertoolsLogForwarder = {
  debug: forwardTo('debug'),
  info: forwardTo('info'),
  warn: forwardTo('warn'),
  error: forwardTo('error'),
};
