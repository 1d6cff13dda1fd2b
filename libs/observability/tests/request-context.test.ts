import { setImmediate as nextTurn } from 'node:timers/promises';
import { getRequestContext, markInvocation, runWithRequestContext } from '../src';

describe('runWithRequestContext', () => {
  it('returns what the function returns', () => {
    expect(runWithRequestContext({ correlationId: 'abcd-1234' }, () => 42)).toBe(42);
  });

  it('makes the context visible inside the function, also after awaits', async () => {
    const context = { correlationId: 'abcd-1234', requestId: 'req-1', coldStart: false };
    const seen = await runWithRequestContext(context, async () => {
      const before = getRequestContext();
      await nextTurn();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [before, getRequestContext()];
    });
    expect(seen).toEqual([context, context]);
  });

  it('leaves no context behind once the function is done', async () => {
    await runWithRequestContext({ correlationId: 'abcd-1234' }, async () => nextTurn());
    expect(getRequestContext()).toBeUndefined();
  });

  it('restores the outer context after a nested one', () => {
    const outer = { correlationId: 'outer-1234' };
    const inner = { correlationId: 'inner-1234' };
    const seen = runWithRequestContext(outer, () => {
      const during = runWithRequestContext(inner, () => getRequestContext());
      return [during, getRequestContext()];
    });
    expect(seen).toEqual([inner, outer]);
  });

  it('propagates what the function throws', () => {
    expect(() =>
      runWithRequestContext({ correlationId: 'abcd-1234' }, () => {
        throw new RangeError('nope');
      }),
    ).toThrow(RangeError);
  });
});

describe('getRequestContext', () => {
  it('is undefined outside any request', () => {
    expect(getRequestContext()).toBeUndefined();
  });
});

describe('markInvocation', () => {
  it('returns true on the first call in the process (cold start), then false', () => {
    expect([markInvocation(), markInvocation(), markInvocation()]).toEqual([true, false, false]);
  });
});
