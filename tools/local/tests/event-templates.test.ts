import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReleaseRequest, ReserveRequest } from '@platform/contracts';
import { fillEventTemplate } from '../src/local-invoke';

const eventsDir = join(__dirname, '..', 'events');
const filled = (name: string): unknown =>
  fillEventTemplate(JSON.parse(readFileSync(join(eventsDir, name), 'utf8')), {
    token: 'a.b.c',
    nowMs: Date.now(),
  });

describe('the make invoke event templates (tools/local/events)', () => {
  it('are all JSON, named for the shape they have', () => {
    const names = readdirSync(eventsDir);
    expect(names.filter((name) => !/^(http-api-v2|direct)-[a-z-]+\.json$/.test(name))).toEqual([]);
    for (const name of names) expect(() => filled(name)).not.toThrow();
  });

  it('give reserve and release payloads their schemas accept', () => {
    expect(ReserveRequest.safeParse(filled('direct-reserve.json')).success).toBe(true);
    expect(ReleaseRequest.safeParse(filled('direct-release.json')).success).toBe(true);
  });

  it('give API Gateway v2 events with a bearer token, a route key and a numeric timeEpoch', () => {
    for (const name of readdirSync(eventsDir).filter((file) => file.startsWith('http-api-v2-'))) {
      expect(filled(name)).toMatchObject({
        version: '2.0',
        routeKey: expect.stringMatching(/^[A-Z]+ \//),
        headers: { authorization: 'Bearer a.b.c' },
        requestContext: { http: { method: expect.any(String) }, timeEpoch: expect.any(Number) },
      });
    }
  });
});
