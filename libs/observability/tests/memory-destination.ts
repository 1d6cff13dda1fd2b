import type { DestinationStream } from 'pino';

/** A pino destination that keeps what it is given, for reading back as parsed lines. */
export interface MemoryDestination extends DestinationStream {
  /** The raw text written so far. */
  text(): string;
  /** Each line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
}

export function memoryDestination(): MemoryDestination {
  let written = '';
  return {
    write: (chunk) => {
      written += chunk;
    },
    text: () => written,
    lines: () =>
      written
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
