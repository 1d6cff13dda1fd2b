import { lazyCursorCodec, PersistenceConfigError } from '../src';

describe('lazyCursorCodec', () => {
  it('builds the codec once from CURSOR_SECRET and reuses it', async () => {
    const codec = lazyCursorCodec({ CURSOR_SECRET: 's'.repeat(32) });
    const first = await codec();
    expect(await codec()).toBe(first);
    const scope = { tenantId: 't', query: 'q' };
    expect(first.decode(first.encode({ pk: 'a' }, scope), scope)).toEqual({ pk: 'a' });
  });

  it('tries again after a failed load', async () => {
    const env: NodeJS.ProcessEnv = {};
    const codec = lazyCursorCodec(env);
    await expect(codec()).rejects.toThrow(PersistenceConfigError);
    env['CURSOR_SECRET'] = 'k'.repeat(40);
    await expect(codec()).resolves.toBeDefined();
  });
});
