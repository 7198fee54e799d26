import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('sign-in failures', (context) => {
  it('counts failures at the same time each once (no lost update)', async () => {
    const username = unique('admin');
    const counts = await Promise.all(
      Array.from({ length: 20 }, () =>
        context.store.signInFailures.count(username, '192.0.2.1', testNow, testNow - 1),
      ),
    );
    expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await context.store.signInFailures.get(username, '192.0.2.1')).toMatchObject({ failures: 20 });
  });

  it('counts per address, forgets an old count, keeps the longer lock, clears on success', async () => {
    const username = unique('admin');
    const failures = context.store.signInFailures;
    await failures.count(username, '192.0.2.1', testNow, testNow - 1);
    expect(await failures.count(username, '192.0.2.1', testNow, testNow - 1)).toBe(2);
    expect(await failures.count(username, '198.51.100.7', testNow, testNow - 1)).toBe(1);
    expect(await failures.count(username, '192.0.2.1', testNow + 10, testNow + 5)).toBe(1);
    await failures.lock(username, '192.0.2.1', testNow + 1000);
    await failures.lock(username, '192.0.2.1', testNow + 500);
    expect((await failures.get(username, '192.0.2.1'))?.lockedUntil).toBe(testNow + 1000);
    await failures.clear(username, '192.0.2.1');
    expect(await failures.get(username, '192.0.2.1')).toBeUndefined();
    expect(await failures.get(username, '198.51.100.7')).toBeDefined();
  });

  it('forgets quiet counts but keeps a lock still running', async () => {
    const failures = context.store.signInFailures;
    const quiet = unique('quiet');
    const locked = unique('locked');
    await failures.count(quiet, '192.0.2.3', testNow, testNow - 1);
    await failures.count(locked, '192.0.2.3', testNow, testNow - 1);
    await failures.lock(locked, '192.0.2.3', testNow + 10_000);
    await failures.deleteStale(testNow + 1, testNow + 5_000);
    expect(await failures.get(quiet, '192.0.2.3')).toBeUndefined();
    expect(await failures.get(locked, '192.0.2.3')).toBeDefined();
  });
});
