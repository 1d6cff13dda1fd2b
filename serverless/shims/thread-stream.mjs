// What function bundles get for `thread-stream` (alias in service-defaults.yml). pino loads it for
// transports, which run in worker threads; functions log to stdout and never start one. Leaving it out
// saves 10 KB and loading `worker_threads` at every cold start (ADR-010).
export default class ThreadStream {
  constructor() {
    throw new Error('pino transports are not available in functions: log to stdout (ADR-010)');
  }
}
