import { type CardImage, type CardMeterState, insertSpecialCard } from '@openami/domain';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessNow } from '../../test/harness.ts';
import { cardImage, vendingApi } from '../../test/vending-api.ts';

interface Made {
  readonly id: number;
  readonly replayed: boolean;
  readonly kind: string;
  readonly card: CardImage;
  readonly areaCode: string | null;
  readonly meterNo: string | null;
  readonly account: { readonly accountNo: string } | null;
}
interface Readback {
  readonly stored: number;
  readonly alreadyStored: number;
  readonly refused: number;
  readonly readings: readonly {
    readonly meterNo: string;
    readonly outcome: 'stored' | 'already_stored' | 'refused';
    readonly meterId: number | null;
    readonly accountNo: string | null;
    readonly customerName: string | null;
    readonly readAt: number | null;
    readonly flags: string | null;
    readonly problem: { readonly code: string; readonly message: string } | null;
  }[];
}

/** A card meter in the field, as the virtual card meter models it. */
const fieldMeter = (meterNo: string, totalKwh: number): CardMeterState => ({
  meterNo,
  purchaseCount: 3,
  remainingKwh: 25,
  totalKwh,
  presetPendingKwh: 0,
  hoardingLimitKwh: 0,
});
/** The card taken round the meters: each reads itself into it (001 appendix 1, CPH=). */
function readMeters(card: CardImage, meters: readonly CardMeterState[]): CardImage {
  return meters.reduce((c, m) => insertSpecialCard(m, c, { areaCode: 'X', msSincePowerUp: 0 }).card, card);
}

describeEachEngine('special cards through the API (001 §4.1)', (context) => {
  let api: Awaited<ReturnType<typeof vendingApi>>;
  beforeAll(async () => {
    api = await vendingApi(context.store, 's');
  });
  afterAll(() => api.app.close());

  const make = (body: object, actor = api.cashier, locale?: string) =>
    api.call(actor, 'POST', '/api/vending/special-cards', { requestId: api.fresh('R'), ...body }, locale);
  const readBack = (card: object, actor = api.cashier, locale?: string) =>
    api.call(actor, 'POST', '/api/vending/card-readings', { card }, locale);
  const blank = () => cardImage({ kind: 'blank' }, api.fresh('K'));

  it('makes a preset card once per request, and audits it', async () => {
    const card = blank();
    const body = { requestId: 'p1', kind: 'preset', presetKwh: 12, card, reason: '装表预置' };
    const first = await make(body);
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json<Made>();
    expect(made).toMatchObject({
      replayed: false,
      kind: 'preset',
      card: { format: 'openami-card/1', cardId: card.cardId, data: { kind: 'preset', presetKwh: 12 } },
    });
    const again = await make(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, id: made.id, card: made.card });
    expect((await make({ ...body, presetKwh: 10 })).json()).toMatchObject({ code: 'REQUEST_ID_REUSED' });
    const missing = await make({ kind: 'preset', card: blank() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ field: 'presetKwh' }] },
    });

    const audit = await api.call(api.admin, 'GET', `/api/audit?entity=card&entityId=${card.cardId}`);
    expect(audit.json<{ items: { action: string; details: unknown }[] }>().items).toEqual([
      expect.objectContaining({
        action: 'vending.issueSpecialCard',
        details: expect.objectContaining({
          kind: 'preset',
          presetKwh: 12,
          reason: '装表预置',
          erased: 'blank',
        }),
      }),
    ]);
  });

  it('makes a clear card for its area, general or bound to one meter of it (§4.1.1, FAQ 9)', async () => {
    const general = await make({ kind: 'clear', areaCode: api.area.code, card: blank() });
    expect(general.statusCode, general.body).toBe(201);
    expect(general.json()).toMatchObject({
      areaCode: api.area.code,
      meterNo: null,
      account: null,
      card: { data: { kind: 'clear', areaCode: api.area.code, meterNo: '' } },
    });
    const account = await api.openAccount();
    const bound = await make({
      kind: 'clear',
      areaCode: api.area.code,
      meterNo: account.factoryNo,
      card: blank(),
    });
    expect(bound.statusCode, bound.body).toBe(201);
    expect(bound.json<Made>()).toMatchObject({
      meterNo: account.factoryNo,
      account: { accountNo: expect.any(String) },
      card: { data: { kind: 'clear', meterNo: account.factoryNo } },
    });

    const elsewhere = await api.newArea();
    const outside = await api.stockMeter(elsewhere.id);
    const wrongArea = await make(
      { kind: 'clear', areaCode: api.area.code, meterNo: outside.factoryNo, card: blank() },
      api.cashier,
      'en',
    );
    expect(wrongArea.statusCode).toBe(422);
    expect(wrongArea.json()).toMatchObject({
      code: 'METER_NOT_IN_AREA',
      message: `Meter ${outside.factoryNo} is not in area ${api.area.code}; a clear card of that area would not work on it`,
    });
    expect((await make({ kind: 'clear', areaCode: 'nowhere', card: blank() })).json()).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (
        await make({ kind: 'clear', areaCode: api.area.code, meterNo: 'no-such-meter', card: blank() })
      ).json(),
    ).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'meter' } });
    expect((await make({ kind: 'clear', card: blank() })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const stranger = await api.outsider('cashier');
    expect(
      (await make({ kind: 'clear', areaCode: api.area.code, card: blank() }, stranger)).json(),
    ).toMatchObject({
      code: 'AREA_FORBIDDEN',
    });
    const finance = await api.signIn('finance');
    expect((await make({ kind: 'preset', presetKwh: 12, card: blank() }, finance)).json()).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it("erases any writable card, but not a locked one, a void one or an open account's current card (FAQ 11, 12)", async () => {
    const account = await api.openAccount();
    const customerId = api.fresh('CUST');
    const sold = await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
      requestId: api.fresh('S'),
      by: 'energy',
      energyWh: 100_000,
      card: cardImage({ kind: 'blank' }, customerId),
    });
    const current = cardImage(sold.json<{ details: { card: object } }>().details.card, customerId);
    const inUse = await make({ kind: 'check', card: current }, api.cashier, 'zh-CN');
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'CARD_IN_USE', details: { cardSerial: 1 } });
    expect(inUse.json<{ message: string }>().message).toContain('不能改作专用卡');
    // Once replaced (补卡), the old card is just a card again.
    await api.call(api.cashier, 'POST', `/api/vending/accounts/${account.id}/card-replacement`, {
      requestId: 'replace-1',
      reason: '丢失',
    });
    expect((await make({ kind: 'check', card: current })).statusCode).toBe(201);

    const locked = { ...blank(), wrongPasswordAttempts: 3 };
    expect((await make({ kind: 'preset', presetKwh: 12, card: locked })).json()).toMatchObject({
      code: 'CARD_UNWRITABLE',
    });
    // A card voided by a locked-card transfer stays void, even if an image of it shows it unlocked.
    const other = await api.openAccount();
    const oldId = api.fresh('OLD');
    const sale = await api.call(api.cashier, 'POST', `/api/vending/accounts/${other.id}/sales`, {
      requestId: api.fresh('S'),
      by: 'energy',
      energyWh: 100_000,
      card: cardImage({ kind: 'blank' }, oldId),
    });
    const lockedCard = cardImage(sale.json<{ details: { card: object } }>().details.card, oldId, 3);
    const moved = await api.call(
      api.cashier,
      'POST',
      `/api/vending/accounts/${other.id}/locked-card-transfer`,
      {
        requestId: api.fresh('T'),
        lockedCard,
        newCard: blank(),
        reason: 'locked',
      },
    );
    expect(moved.statusCode, moved.body).toBe(201);
    expect(
      (
        await make({ kind: 'preset', presetKwh: 12, card: { ...lockedCard, wrongPasswordAttempts: 0 } })
      ).json(),
    ).toMatchObject({
      code: 'CARD_VOID',
    });
  });

  it('reads a meter-reading card back: stores its readings once, as read by card, and says why not in words', async () => {
    const first = await api.openAccount('王五');
    const second = await api.stockMeter();
    const made = (await make({ kind: 'meter_reading', card: blank() })).json<Made>();
    expect(made.card.data).toEqual({ kind: 'meter_reading', readings: [], issueId: made.id });
    const back = readMeters(made.card, [
      fieldMeter(first.factoryNo, 1260),
      fieldMeter(second.factoryNo, 870),
      fieldMeter('00000000', 5),
    ]);

    const answer = await readBack(back, api.cashier, 'en');
    expect(answer.statusCode, answer.body).toBe(201);
    const result = answer.json<Readback>();
    expect(result).toMatchObject({ stored: 2, alreadyStored: 0, refused: 1 });
    expect(result.readings).toEqual([
      expect.objectContaining({
        meterNo: first.factoryNo,
        outcome: 'stored',
        meterId: first.meterId,
        customerName: '王五',
        totalKwh: 1260,
      }),
      expect.objectContaining({
        meterNo: second.factoryNo,
        outcome: 'stored',
        meterId: second.id,
        accountNo: null,
      }),
      expect.objectContaining({
        meterNo: '00000000',
        outcome: 'refused',
        problem: {
          code: 'CARD_READING_UNKNOWN_METER',
          message: 'No meter 00000000 in the archive; the reading was not stored',
        },
      }),
    ]);
    const stored = await context.store.readings.energyBetween(first.meterId, 0, Number.MAX_SAFE_INTEGER);
    expect(stored).toEqual([
      expect.objectContaining({
        source: 'card',
        activeImportWh: 1_260_000,
        remainingEnergyWh: 25_000,
        readAt: harnessNow,
      }),
    ]);
    expect(await context.store.readings.daily(first.meterId, '2026-11-01', '2026-11-30')).toHaveLength(1);

    // Read back again, or twice at once: nothing is stored twice.
    const again = await Promise.all([readBack(back), readBack(back)]);
    for (const a of again) {
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toMatchObject({ stored: 0, alreadyStored: 2, refused: 1 });
    }
    expect(
      await context.store.readings.energyBetween(first.meterId, 0, Number.MAX_SAFE_INTEGER),
    ).toHaveLength(1);

    // A fresh card read back five times at once still stores each reading once.
    const fresh = readMeters((await make({ kind: 'meter_reading', card: blank() })).json<Made>().card, [
      fieldMeter(second.factoryNo, 880),
    ]);
    const racing = (await Promise.all(Array.from({ length: 5 }, () => readBack(fresh)))).map((a) =>
      a.json<Readback>(),
    );
    expect(racing.map((r) => r.stored).sort()).toEqual([0, 0, 0, 0, 1]);
    expect(racing.map((r) => r.alreadyStored).sort()).toEqual([0, 1, 1, 1, 1]);
    expect(await context.store.readings.energyBetween(second.id, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(2);

    // The card made again next month reads the meter afresh, even where its figures did not move.
    const remade = (await make({ kind: 'meter_reading', card: back })).json<Made>();
    const nextMonth = readMeters(remade.card, [fieldMeter(first.factoryNo, 1260)]);
    expect((await readBack(nextMonth)).json()).toMatchObject({ stored: 1 });
    expect(
      await context.store.readings.energyBetween(first.meterId, 0, Number.MAX_SAFE_INTEGER),
    ).toHaveLength(2);
  });

  it('refuses what a reading card may not bring: other cards, meters outside the areas, a meter twice', async () => {
    const account = await api.openAccount();
    expect((await readBack(blank(), api.cashier, 'en')).json()).toMatchObject({
      code: 'CARD_NOT_READING',
      message: 'This is not a check or meter-reading card (blank); it carries no readings',
    });
    const check = (await make({ kind: 'check', card: blank() })).json<Made>();
    const read = readMeters(check.card, [fieldMeter(account.factoryNo, 300)]);
    const stranger = await api.outsider('cashier');
    const outside = await readBack(read, stranger, 'zh-CN');
    expect(outside.statusCode).toBe(200);
    expect(outside.json()).toMatchObject({
      stored: 0,
      refused: 1,
      readings: [
        {
          outcome: 'refused',
          problem: {
            code: 'CARD_READING_OUTSIDE_AREAS',
            message: `电表 ${account.factoryNo} 不在您负责的区域内，读数未保存`,
          },
        },
      ],
    });
    if (read.data.kind !== 'check') throw new Error('a check card');
    const again = {
      meterNo: account.factoryNo,
      remainingKwh: 1,
      totalKwh: 301,
      purchaseCount: 3,
      statusWord: 0,
    };
    const twice = { ...read, data: { ...read.data, readings: [...read.data.readings, again] } };
    const answer = (await readBack(twice)).json<Readback>();
    expect(answer.readings.map((r) => [r.outcome, r.problem?.code ?? null])).toEqual([
      ['stored', null],
      ['refused', 'CARD_READING_REPEATED'],
    ]);
    // The same check card inserted again reads the meter again: a new reading (a moment later).
    const later = readMeters(read, [fieldMeter(account.factoryNo, 280)]);
    const backwards = (await readBack(later)).json<Readback>();
    expect(backwards.readings).toEqual([
      expect.objectContaining({ outcome: 'stored', readAt: harnessNow + 1, flags: 'register-backwards' }),
    ]);
    const finance = await api.signIn('finance');
    expect((await readBack(read, finance)).json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});
