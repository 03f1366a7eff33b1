import { createTokenSource, type IssuedToken } from '../../src/entra/sign-in.ts';

describe('the Graph access token source', () => {
  test('masks the first token and every refreshed one, each before it is handed out', async () => {
    let now = 0;
    const issued: IssuedToken[] = [
      { token: 'first-token', expiresOnTimestamp: 3_600_000 },
      { token: 'second-token', expiresOnTimestamp: 7_200_000 },
    ];
    const events: string[] = [];
    const get = createTokenSource({
      now: () => now,
      mask: (t) => events.push(`mask ${t}`),
      fetch: async () => {
        const next = issued.shift();
        if (!next) throw new Error('no more tokens');
        events.push(`fetch ${next.token}`);
        return next;
      },
    });
    events.push(`got ${await get()}`);
    now = 1_000_000;
    events.push(`got ${await get()}`); // cached: no fetch, no mask
    now = 3_400_000; // within the refresh margin
    events.push(`got ${await get()}`);
    expect(events).toEqual(['fetch first-token', 'mask first-token', 'got first-token', 'got first-token', 'fetch second-token', 'mask second-token', 'got second-token']);
  });

  test('a refresh that yields the token already held masks nothing new', async () => {
    const masked: string[] = [];
    const get = createTokenSource({ now: () => 0, refreshMarginMs: 10, mask: (t) => masked.push(t), fetch: async () => ({ token: 'same', expiresOnTimestamp: 5 }) });
    await get();
    await get();
    expect(masked).toEqual(['same']);
  });
});
