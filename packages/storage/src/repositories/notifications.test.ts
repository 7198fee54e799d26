import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, testNow, unique } from '../../test/fixtures.ts';

const text = (n: number) => ({ text: { 'zh-CN': `告警 ${n}`, en: `alarm ${n}` } });

describeEachEngine('notification holds', (context) => {
  it('count admitted messages per recipient and topic, hold, release and fold', async () => {
    const phone = unique('139');
    const message = (n: number, topic = `alarm:low-balance:meter:${n}`) => ({
      dedupeKey: unique(`hold:${n}:`),
      alarmId: null,
      channel: 'sms',
      recipient: phone,
      body: text(n),
      audience: 'resident',
      topic,
    });
    expect(
      await context.store.notifications.enqueue(
        [1, 2, 3, 4].map((n) => message(n)),
        testNow,
      ),
    ).toBe(4);
    const leased = (await context.store.notifications.lease(testNow, 30_000, 100)).filter(
      (r) => r.recipient === phone,
    );
    expect(leased.map((r) => [r.audience, r.topic])).toEqual([
      ['resident', 'alarm:low-balance:meter:1'],
      ['resident', 'alarm:low-balance:meter:2'],
      ['resident', 'alarm:low-balance:meter:3'],
      ['resident', 'alarm:low-balance:meter:4'],
    ]);
    const [first, second, third, fourth] = leased.map((r) => r.id) as [number, number, number, number];
    await context.store.notifications.admit(first, testNow + 10);
    await context.store.notifications.admit(second, testNow + 20);
    const to = { channel: 'sms', recipient: phone };
    expect(await context.store.notifications.admittedSince(to, testNow)).toEqual([
      testNow + 10,
      testNow + 20,
    ]);
    expect(await context.store.notifications.admittedSince(to, testNow + 15)).toEqual([testNow + 20]);
    expect(
      await context.store.notifications.admittedSince({ ...to, topic: 'alarm:low-balance:meter:1' }, testNow),
    ).toEqual([testNow + 10]);

    await context.store.notifications.hold(third, 'rate-limit', testNow + 1000);
    await context.store.notifications.hold(fourth, 'quiet-hours', testNow + 5000);
    // Held messages are not leased, and are due only from their time.
    expect(
      (await context.store.notifications.lease(testNow + 10_000, 30_000, 100)).filter(
        (r) => r.recipient === phone,
      ),
    ).toEqual([]);
    expect(await context.store.notifications.heldDue(testNow + 999, 100)).not.toContainEqual(to);
    expect(await context.store.notifications.heldDue(testNow + 1000, 100)).toContainEqual(to);
    expect(await context.store.notifications.get(third)).toMatchObject({
      state: 'held',
      holdReason: 'rate-limit',
    });

    const summary = await context.store.transaction((tx) =>
      tx.notifications.fold(
        [third, fourth],
        (rows) => ({
          dedupeKey: `fold:sms:${phone}:${rows[0]?.id}`,
          alarmId: null,
          channel: 'sms',
          recipient: phone,
          body: { items: rows.map((r) => r.id) },
          audience: 'resident',
          topic: 'summary',
        }),
        testNow + 2000,
      ),
    );
    expect(summary).toMatchObject({
      state: 'pending',
      topic: 'summary',
      body: `{"items":[${third},${fourth}]}`,
    });
    for (const id of [third, fourth]) {
      expect(await context.store.notifications.get(id)).toMatchObject({
        state: 'folded',
        foldedInto: summary?.id,
      });
    }
    // Folding again (a second worker that saw the same held rows) finds nothing left to fold.
    expect(
      await context.store.notifications.fold(
        [third, fourth],
        () => {
          throw new Error('not called');
        },
        testNow + 2000,
      ),
    ).toBeUndefined();
    expect(await context.store.notifications.held(to)).toEqual([]);
  });

  it('release a held message once', async () => {
    const address = `${unique('a')}@example.com`;
    await context.store.notifications.enqueue(
      [{ dedupeKey: unique('release:'), alarmId: null, channel: 'email', recipient: address, body: text(1) }],
      testNow,
    );
    const [row] = (await context.store.notifications.lease(testNow, 30_000, 100)).filter(
      (r) => r.recipient === address,
    );
    if (row === undefined) throw new Error('queued above');
    await context.store.notifications.hold(row.id, 'repeat', testNow + 100);
    expect(await context.store.notifications.held({ channel: 'email', recipient: address })).toHaveLength(1);
    expect(await context.store.notifications.release(row.id, testNow + 100)).toBe(true);
    expect(await context.store.notifications.release(row.id, testNow + 100)).toBe(false);
    expect(await context.store.notifications.get(row.id)).toMatchObject({
      state: 'pending',
      holdReason: 'repeat',
      nextAttemptAt: testNow + 100,
    });
  });
});

describeEachEngine('notification preferences', (context) => {
  const makeUser = (allAreas: boolean, disabled = false) =>
    context.store.users
      .create(
        {
          username: unique('u'),
          displayName: '',
          passwordHash: 'x',
          role: 'maintenance',
          allAreas,
          locale: 'en',
        },
        testNow,
      )
      .then((u) => (disabled ? context.store.users.update(u.id, { disabled: 1 }, testNow) : u))
      .then((u) => {
        if (u === undefined) throw new Error('created above');
        return u;
      });

  it('keep one preference a user and list the staff who take e-mail, with their areas', async () => {
    const area = await makeArea(context.store);
    const some = await makeUser(false);
    await context.store.users.setAreas(some.id, [area.id]);
    const every = await makeUser(true);
    const off = await makeUser(true);
    const gone = await makeUser(true, true);
    expect(await context.store.notificationPreferences.get(some.id)).toBeUndefined();
    await context.store.notificationPreferences.set(
      some.id,
      { email: 'a@x.cn', delivery: 'digest' },
      null,
      testNow,
    );
    const changed = await context.store.notificationPreferences.set(
      some.id,
      { email: 'b@x.cn', delivery: 'each' },
      every.id,
      testNow + 1,
    );
    expect(changed).toMatchObject({
      userId: some.id,
      email: 'b@x.cn',
      delivery: 'each',
      updatedBy: every.id,
    });
    await context.store.notificationPreferences.set(
      every.id,
      { email: 'c@x.cn', delivery: 'digest' },
      null,
      testNow,
    );
    await context.store.notificationPreferences.set(
      off.id,
      { email: 'd@x.cn', delivery: 'off' },
      null,
      testNow,
    );
    await context.store.notificationPreferences.set(
      gone.id,
      { email: 'e@x.cn', delivery: 'each' },
      null,
      testNow,
    );
    const mine = (await context.store.notificationPreferences.staffRecipients()).filter((r) =>
      [some.id, every.id, off.id, gone.id].includes(r.userId),
    );
    expect(mine).toEqual([
      expect.objectContaining({ userId: some.id, email: 'b@x.cn', delivery: 'each', areaPaths: [area.path] }),
      expect.objectContaining({ userId: every.id, email: 'c@x.cn', delivery: 'digest', allAreas: true }),
    ]);
  });
});
