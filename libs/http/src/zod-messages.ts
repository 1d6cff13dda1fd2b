import * as z from 'zod/mini';
import { en } from 'zod/locales';

let configured = false;

/**
 * zod/mini, which the platform validates with, loads no messages of its own. This gives it zod's
 * English ones, the same words the full zod build answers with, once per process. Every stack
 * and `loadEnv` calls it before it parses anything. (The English locale alone: `z.locales` would
 * bring every language into each bundle.)
 *
 * @example
 * useEnglishMessages();
 * z.safeParse(z.string(), 1).error?.issues[0]?.message; // 'Invalid input: expected string, received number'
 */
export function useEnglishMessages(): void {
  if (configured) return;
  z.config(en());
  configured = true;
}
