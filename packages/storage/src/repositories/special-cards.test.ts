import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, testNow, unique } from '../../test/fixtures.ts';
import type { NewCardReading, NewSpecialCard } from './special-cards.ts';

function specialCard(fields: Partial<NewSpecialCard> = {}): NewSpecialCard {
  return {
    requestId: unique('R'),
    requestFingerprint: 'f',
    kind: 'preset',
    cardId: unique('K'),
    areaId: null,
    meterId: null,
    presetKwh: 12,
    operatorUserId: null,
    operatorName: 'cashier',
    details: { reason: '装表预置' },
    createdAt: testNow,
    ...fields,
  };
}

function cardReading(meterId: number, fields: Partial<NewCardReading> = {}): NewCardReading {
  return {
    readingKey: unique('key'),
    cardId: 'K1',
    cardKind: 'meter_reading',
    issueId: null,
    meterId,
    readAt: testNow,
    remainingKwh: 40,
    totalKwh: 260,
    purchaseCount: 2,
    statusWord: 0,
    operatorUserId: null,
    operatorName: 'cashier',
    createdAt: testNow,
    ...fields,
  };
}

describeEachEngine('special cards and the readings they bring back (001 §4.1)', (context) => {
  it('records a special card and finds it by the operator’s request and by the card', async () => {
    const { area, meter } = await makeAccount(context.store);
    const cardId = unique('K');
    const row = await context.store.specialCards.record(
      specialCard({
        requestId: 'r1',
        kind: 'clear',
        cardId,
        areaId: area.id,
        meterId: meter.id,
        presetKwh: null,
      }),
    );
    expect(row).toMatchObject({
      requestId: 'r1',
      kind: 'clear',
      areaId: area.id,
      meterId: meter.id,
      presetKwh: null,
    });
    expect(JSON.parse(row.details)).toEqual({ reason: '装表预置' });
    expect((await context.store.specialCards.byRequest('cashier', 'r1'))?.id).toBe(row.id);
    expect(await context.store.specialCards.byRequest('another', 'r1')).toBeUndefined();
    expect((await context.store.specialCards.get(row.id))?.cardId).toBe(cardId);
    const again = await context.store.specialCards.record(specialCard({ cardId }));
    expect((await context.store.specialCards.ofCard(cardId)).map((c) => c.id)).toEqual([row.id, again.id]);
    // A request id is the operator's own: reused by them it is refused, by another operator it is theirs.
    await expect(context.store.specialCards.record(specialCard({ requestId: 'r1' }))).rejects.toThrow();
    await expect(
      context.store.specialCards.record(specialCard({ requestId: 'r1', operatorName: 'another' })),
    ).resolves.toMatchObject({ requestId: 'r1' });
  });

  it('records a card’s reading once: a key seen before comes back empty', async () => {
    const { meter } = await makeAccount(context.store);
    const key = unique('key');
    const first = await context.store.specialCards.recordReadings([
      cardReading(meter.id, { readingKey: key }),
    ]);
    expect(first).toHaveLength(1);
    const second = await context.store.specialCards.recordReadings([
      cardReading(meter.id, { readingKey: key, readAt: testNow + 1000 }),
      cardReading(meter.id, { readAt: testNow + 1000 }),
    ]);
    expect(second.map((r) => r.readingKey)).not.toContain(key);
    expect(second).toHaveLength(1);
    expect((await context.store.specialCards.readingsByKey([key, 'unknown'])).map((r) => r.readAt)).toEqual([
      testNow,
    ]);
    expect((await context.store.specialCards.readingsOfMeter(meter.id, 10)).map((r) => r.id)).toEqual([
      second[0]?.id,
      first[0]?.id,
    ]);
    expect(await context.store.specialCards.recordReadings([])).toEqual([]);
  });

  it('keeps where an energy reading came from', async () => {
    const { meter } = await makeAccount(context.store);
    const at = Date.UTC(2027, 2, 15);
    await context.store.readings.insertEnergy([
      {
        meterId: meter.id,
        readAt: at,
        activeImportWh: 260_000,
        remainingEnergyWh: 40_000,
        receivedAt: at,
        source: 'card',
      },
      { meterId: meter.id, readAt: at + 1000, activeImportWh: 260_100, receivedAt: at },
    ]);
    // A month's partition made later takes the rows over as they are (PostgreSQL; nothing on SQLite).
    await context.store.readings.ensureMonthlyPartitions(at, 1);
    const rows = await context.store.readings.energyBetween(meter.id, at, at + 2000);
    expect(
      rows.map((r) => [r.source, r.remainingEnergyWh === null ? null : Number(r.remainingEnergyWh)]),
    ).toEqual([
      ['card', 40_000],
      [null, null],
    ]);
  });

  it('is append-only in the database itself', async () => {
    const { meter } = await makeAccount(context.store);
    const card = await context.store.specialCards.record(specialCard());
    const [reading] = await context.store.specialCards.recordReadings([cardReading(meter.id)]);
    for (const [table, id] of [
      ['vending_special_cards', card.id],
      ['vending_card_readings', reading?.id ?? 0],
    ] as const) {
      await expect(
        sql`update ${sql.id(table)} set card_id = 'other' where id = ${id}`.execute(context.store.db),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql`delete from ${sql.id(table)} where id = ${id}`.execute(context.store.db),
      ).rejects.toThrow(/append-only/);
    }
  });
});
