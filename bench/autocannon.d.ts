// The part of autocannon 9's API bench/ uses (the package ships no types; tools/local/bench has its own).
declare module 'autocannon' {
  namespace autocannon {
    /** One request of the sequence each connection cycles through. */
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Changes the request before it is sent (a fresh header, a body). */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
      /** Sees each answer: status, body, the connection's context and the headers. */
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers?: Record<string, string>,
      ) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Requests per second over all connections. */
      overallRate?: number;
      headers?: Record<string, string>;
      /** Seconds before a request counts as a timeout. */
      timeout?: number;
      requests?: Request[];
    }
    interface Distribution {
      average: number;
      p50: number;
      p99: number;
    }
    interface Result {
      /** Milliseconds per request. */
      latency: Distribution;
      /** Requests per second, sampled each second. */
      requests: Distribution & { total: number };
      errors: number;
      timeouts: number;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
