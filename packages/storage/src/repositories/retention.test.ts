import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, makeArea, makeMeter, testNow, unique } from '../../test/fixtures.ts';

const day = 86_400_000;

describeEachEngine('retention', (context) => {
  const energy = (meterId: number, readAt: number, prepaid = false) => ({
    meterId,
    readAt,
    activeImportWh: readAt / 1000,
    remainingMoneyFen: prepaid ? 1000 : null,
    receivedAt: readAt,
  });
  const readAts = async (meterId: number) =>
    (await context.store.readings.energyBetween(meterId, 0, Number.MAX_SAFE_INTEGER)).map((r) => r.readAt);

  it('removes raw readings past the cutoff a batch at a time, keeping what reports and charges need', async () => {
    const store = context.store;
    const area = await makeArea(store);
    const plain = await makeMeter(store, area.id, { state: 'installed' });
    const old = await makeMeter(store, area.id, { state: 'installed' });
    const { account, meter: remote } = await makeAccount(store);
    await store.db
      .updateTable('accounts')
      .set({ prepaidMode: 'remote', openedAt: testNow - 100 * day })
      .where('id', '=', account.id)
      .execute();
    const at = (days: number) => testNow - days * day;
    await store.readings.insertEnergy([
      ...[90, 80, 70, 60, 50, 40, 5, 1].map((d) => energy(plain.id, at(d), d === 70)),
      // A meter read last long ago: its newest reading is all it says now, and stays.
      energy(old.id, at(95), true),
      energy(old.id, at(90)),
      ...[90, 80, 70, 60, 1].map((d) => energy(remote.id, at(d))),
    ]);
    await store.readings.insertInstant([
      { meterId: plain.id, readAt: at(90), receivedAt: at(90) },
      { meterId: plain.id, readAt: at(1), receivedAt: at(1) },
    ]);
    await store.readings.insertDailyFrozen([
      { meterId: plain.id, day: '2026-08-24', frozenAt: at(90), activeImportWh: 5, receivedAt: at(90) },
    ]);
    await store.readings.addDailyShares([
      { meterId: plain.id, day: '2026-08-24', energyWh: 7, readAt: at(90), readingWh: 100 },
    ]);
    // The remote account was last charged up to the reading of 70 days ago: the next charge starts there.
    await store.db
      .insertInto('vendingLedger')
      .values({
        accountId: account.id,
        meterId: remote.id,
        kind: 'charge',
        amountFen: -10,
        energyWh: -100,
        adjustmentWh: 0,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: unique('charge:'),
        requestFingerprint: 'f',
        invoiceNo: null,
        operatorUserId: null,
        operatorName: 'station',
        details: JSON.stringify({ fromReadAt: at(80), toReadAt: at(70) }),
        createdAt: at(70),
      })
      .execute();

    const cutoff = at(30);
    expect(await store.retention.count('reading_energy', cutoff)).toBe(7);
    expect(await store.retention.remove('reading_energy', cutoff, 2)).toBe(7);
    // 70 days ago: the newest reading with the prepaid registers.
    expect(await readAts(plain.id)).toEqual([at(70), at(5), at(1)]);
    expect(await readAts(old.id)).toEqual([at(95), at(90)]);
    expect(await readAts(remote.id)).toEqual([at(70), at(60), at(1)]);
    expect(await store.retention.remove('reading_instant', cutoff)).toBe(1);
    expect(await store.readings.instantBetween(plain.id, 0, testNow)).toHaveLength(1);
    // The meters' freezes and the roll-ups reports read are untouched.
    expect(await store.readings.dailyFrozen(plain.id, '2026-08-01', '2026-08-31')).toHaveLength(1);
    expect(await store.readings.daily(plain.id, '2026-08-01', '2026-08-31')).toHaveLength(1);
    expect(await store.retention.count('reading_energy', cutoff)).toBe(0);
  });

  it('removes only cleared alarms, finished notifications and old codes', async () => {
    const store = context.store;
    const alarm = (state: string, clearedAt: number | null) => ({
      kind: 'offline',
      severity: 'major',
      objectType: 'meter',
      objectId: unique('m'),
      areaId: null,
      state,
      raisedAt: testNow - 800 * day,
      lastSeenAt: testNow - 800 * day,
      occurrences: 1,
      evidence: '{}',
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgedByName: null,
      ackComment: null,
      clearedAt,
      clearReason: null,
    });
    const before = (await store.db.selectFrom('alarms').select('id').execute()).length;
    await store.db
      .insertInto('alarms')
      .values([
        alarm('cleared', testNow - 400 * day),
        alarm('cleared', testNow - 10 * day),
        alarm('raised', null),
        alarm('acknowledged', null),
      ])
      .execute();
    expect(await store.retention.remove('cleared_alarms', testNow - 365 * day)).toBe(1);
    expect((await store.db.selectFrom('alarms').select('id').execute()).length).toBe(before + 3);

    const message = (n: number) => ({
      dedupeKey: unique(`retention:${n}:`),
      alarmId: null,
      channel: 'sms',
      recipient: '13900000000',
      body: { text: { 'zh-CN': `告警 ${n}`, en: `alarm ${n}` } },
    });
    await store.notifications.enqueue([1, 2, 3, 4].map(message), testNow - 200 * day);
    const rows = await store.db.selectFrom('notifications').select(['id']).orderBy('id').execute();
    const ids = rows.slice(-4).map((r) => r.id);
    const states = ['delivered', 'failed', 'pending', 'held'];
    for (const [i, id] of ids.entries()) {
      await store.db
        .updateTable('notifications')
        .set({ state: states[i] ?? 'pending' })
        .where('id', '=', id)
        .execute();
      await store.db
        .insertInto('notificationAttempts')
        .values({ notificationId: id, at: testNow - 200 * day, ok: 1, answer: 'ok' })
        .execute();
    }
    expect(await store.retention.count('notifications', testNow - 100 * day)).toBe(2);
    expect(await store.retention.remove('notifications', testNow - 100 * day, 1)).toBe(2);
    const left = await store.db.selectFrom('notifications').select('state').where('id', 'in', ids).execute();
    expect(left.map((r) => r.state).sort()).toEqual(['held', 'pending']);
    const attempts = await store.db
      .selectFrom('notificationAttempts')
      .select('notificationId')
      .where('notificationId', 'in', ids)
      .execute();
    expect(attempts).toHaveLength(2);

    const code = (createdAt: number) => ({
      accountNo: unique('AC'),
      accountId: null,
      phone: '13900000000',
      codeSalt: 's',
      codeHash: 'h',
      sourceIp: '10.0.0.1',
      attempts: 0,
      createdAt,
      expiresAt: createdAt + 300_000,
      usedAt: null,
    });
    await store.db
      .insertInto('residentCodes')
      .values([code(testNow - 3 * day), code(testNow - 3_600_000)])
      .execute();
    expect(await store.retention.remove('resident_codes', testNow - day)).toBe(1);
    expect(await store.retention.remove('resident_codes', testNow - day)).toBe(0);
  });
});
