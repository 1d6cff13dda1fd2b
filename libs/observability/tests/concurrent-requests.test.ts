import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createLogger, runWithRequestContext } from '../src';
import { memoryDestination } from './memory-destination';

/** Resolves when `release` is called: lets a test decide exactly when each request moves on. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { wait, release };
}

describe('correlation context in log lines', () => {
  it('gives two concurrent requests each only their own correlation id, with interleaved awaits', async () => {
    const destination = memoryDestination();
    const logger = createLogger({ destination });
    const aMayGoOn = gate();
    const bMayGoOn = gate();

    const requestA = runWithRequestContext({ correlationId: 'request-a-0001' }, async () => {
      logger.info({ owner: 'a' }, 'a1');
      bMayGoOn.release();
      await aMayGoOn.wait;
      logger.info({ owner: 'a' }, 'a2');
      bMayGoOn.release();
    });
    const requestB = runWithRequestContext({ correlationId: 'request-b-0002' }, async () => {
      await bMayGoOn.wait;
      logger.info({ owner: 'b' }, 'b1');
      aMayGoOn.release();
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info({ owner: 'b' }, 'b2');
    });
    await Promise.all([requestA, requestB]);

    const lines = destination.lines();
    expect(lines.map((line) => line['msg'])).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(lines.map((line) => [line['owner'], line['correlationId']])).toEqual([
      ['a', 'request-a-0001'],
      ['b', 'request-b-0002'],
      ['a', 'request-a-0001'],
      ['b', 'request-b-0002'],
    ]);
  });

  describe('across real I/O', () => {
    let server: Server;
    let baseUrl: string;
    /** Requests the server has received and not answered yet, by path. */
    const held = new Map<string, ServerResponse>();
    let onRequest = (): void => undefined;

    beforeAll(async () => {
      // Holds every response until the test answers it, so the test decides the order.
      server = createServer((request, response) => {
        held.set(request.url?.slice(1) ?? '', response);
        onRequest();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('keeps each request’s correlation id on the lines logged after its HTTP call returns', async () => {
      const destination = memoryDestination();
      const logger = createLogger({ destination });
      const allArrived = new Promise<void>((resolve) => {
        onRequest = () => {
          if (held.size === 3) resolve();
        };
      });
      const request = (correlationId: string): Promise<void> =>
        runWithRequestContext({ correlationId }, async () => {
          logger.info({ owner: correlationId }, 'calling');
          const response = await fetch(`${baseUrl}/${correlationId}`);
          logger.info({ owner: correlationId, status: response.status }, 'called');
          await response.text();
          logger.info({ owner: correlationId }, 'done');
        });
      const answer = (correlationId: string): void => void held.get(correlationId)?.end('ok');

      const first = request('first-request-1');
      const second = request('second-request-2');
      const third = request('third-request-3');
      await allArrived;
      // Answer in the opposite order from the calls: the first request started is the last one done.
      answer('third-request-3');
      await third;
      answer('second-request-2');
      await second;
      answer('first-request-1');
      await first;

      const lines = destination.lines();
      expect(lines.map((line) => [line['owner'], line['msg']])).toEqual([
        ['first-request-1', 'calling'],
        ['second-request-2', 'calling'],
        ['third-request-3', 'calling'],
        ['third-request-3', 'called'],
        ['third-request-3', 'done'],
        ['second-request-2', 'called'],
        ['second-request-2', 'done'],
        ['first-request-1', 'called'],
        ['first-request-1', 'done'],
      ]);
      for (const line of lines) expect(line['correlationId']).toBe(line['owner']);
    });
  });

  it('never mixes correlation ids, whatever order concurrent requests are scheduled in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 5 }), async (scheduler, requestCount) => {
        const destination = memoryDestination();
        const logger = createLogger({ destination });
        const requests = Array.from({ length: requestCount }, (_, index) => {
          const correlationId = `request-${index}-abcdefgh`;
          return runWithRequestContext({ correlationId }, async () => {
            for (let step = 0; step < 3; step += 1) {
              logger.info({ owner: correlationId, step });
              await scheduler.schedule(Promise.resolve(), `${correlationId} step ${step}`);
            }
            logger.info({ owner: correlationId, step: 'end' });
          });
        });
        await scheduler.waitAll();
        await Promise.all(requests);

        const lines = destination.lines();
        expect(lines).toHaveLength(requestCount * 4);
        for (const line of lines) expect(line['correlationId']).toBe(line['owner']);
      }),
    );
  });
});
