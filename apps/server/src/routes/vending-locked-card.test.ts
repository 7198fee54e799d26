import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardImage, vendingApi } from '../../test/vending-api.ts';

interface CustomerCard {
  readonly kind: 'customer';
  readonly cardSerial: number;
  readonly purchaseCount: number;
  readonly purchaseKwh: number;
  readonly loaded: boolean;
  readonly [field: string]: unknown;
}
interface Sale {
  readonly id: number;
  readonly writeKwh: number;
  readonly details: { readonly card: CustomerCard };
}
interface Transfer {
  readonly id: number;
  readonly replayed: boolean;
  readonly voidCardId: string;
  readonly undeliveredKwh: number;
  readonly discrepancies: readonly string[];
  readonly card: { readonly cardId: string; readonly data: CustomerCard };
}

const meterData = { remainingKwh: 42, totalKwh: 58, purchaseCount: 1, statusWord: 0 };
/** The card the meter gave back after taking its purchase. */
const taken = (card: CustomerCard, cardId: string) => cardImage({ ...card, loaded: true, meterData }, cardId);
/** Three wrong passwords (001 FAQ 12). */
const lockedImage = (data: object, cardId: string) => cardImage(data, cardId, 3);

describeEachEngine('a locked card moved to a new card through the API (001 FAQ 12)', (context) => {
  let api: Awaited<ReturnType<typeof vendingApi>>;
  beforeAll(async () => {
    api = await vendingApi(context.store, 'l');
  });
  afterAll(() => api.app.close());

  const sell = async (accountId: number, requestId: string, card: object) => {
    const response = await api.call(api.cashier, 'POST', `/api/vending/accounts/${accountId}/sales`, {
      requestId,
      by: 'energy',
      energyWh: 100_000,
      card,
    });
    return response;
  };
  const transfer = (accountId: number, body: object) =>
    api.call(api.cashier, 'POST', `/api/vending/accounts/${accountId}/locked-card-transfer`, {
      reason: '密码错误三次锁死',
      ...body,
    });

  it('moves what the locked card shows to a blank card; the old card is void; the request is idempotent', async () => {
    const account = await api.openAccount();
    const oldId = api.fresh('OLD');
    const newId = api.fresh('NEW');
    const first = (await sell(account.id, 's1', cardImage({ kind: 'blank' }, oldId))).json<Sale>();
    const inMeter = taken(first.details.card, oldId);
    const locked = { ...inMeter, wrongPasswordAttempts: 3 };
    expect((await sell(account.id, 's2', locked)).json()).toMatchObject({ code: 'CARD_LOCKED' });

    const body = { requestId: 't1', lockedCard: locked, newCard: cardImage({ kind: 'blank' }, newId) };
    const moved = await transfer(account.id, body);
    expect(moved.statusCode, moved.body).toBe(201);
    const result = moved.json<Transfer>();
    expect(result).toMatchObject({
      replayed: false,
      voidCardId: oldId,
      newCardId: newId,
      newCardSerial: 2,
      purchaseCount: 1,
      undeliveredKwh: 0,
      discrepancies: [],
      reading: { cardId: oldId, purchaseCount: 1, purchaseKwh: 100, loaded: true, meterData },
      card: {
        cardId: newId,
        wrongPasswordAttempts: 0,
        data: { cardSerial: 2, purchaseCount: 1, purchaseKwh: 100, loaded: true, meterData },
      },
    });

    const again = await transfer(account.id, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, id: result.id, card: result.card });
    const reused = await transfer(account.id, { ...body, newCard: cardImage({ kind: 'blank' }, 'other') });
    expect(reused.json()).toMatchObject({ code: 'REQUEST_ID_REUSED' });

    // The new card sells at once; the old one never again, even if its image were unlocked.
    const next = await sell(account.id, 's2', result.card);
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ purchaseCount: 2, details: { card: { cardSerial: 2 } } });
    expect((await sell(account.id, 's3', inMeter)).json()).toMatchObject({ code: 'CARD_REPLACED' });
    expect(
      (
        await transfer(account.id, { ...body, requestId: 't2', newCard: cardImage({ kind: 'blank' }, 'x') })
      ).json(),
    ).toMatchObject({ code: 'CARD_VOID', details: { cardId: oldId } });
    const summary = await api.call(api.cashier, 'GET', `/api/vending/accounts/${account.id}`);
    expect(summary.json()).toMatchObject({ balance: { purchaseCount: 2 } });

    const audit = await api.call(
      api.admin,
      'GET',
      `/api/audit?entity=account&entityId=${account.id}&limit=50&direction=asc`,
    );
    const transfers = audit
      .json<{ items: { action: string; details: string | Record<string, unknown> }[] }>()
      .items.filter((e) => e.action === 'vending.transferLockedCard');
    expect(transfers).toHaveLength(1);
    expect(JSON.stringify(transfers[0]?.details)).toContain(oldId);
  });

  it('gains nothing from a doctored card: the new card carries the purchase the ledger sold', async () => {
    const account = await api.openAccount();
    const oldId = api.fresh('OLD');
    const first = (await sell(account.id, 's1', cardImage({ kind: 'blank' }, oldId))).json<Sale>();
    const doctored = lockedImage({ ...first.details.card, purchaseKwh: 9999, loaded: false }, oldId);
    const moved = await transfer(account.id, {
      requestId: 't1',
      lockedCard: doctored,
      newCard: cardImage({ kind: 'blank' }, api.fresh('NEW')),
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json()).toMatchObject({
      undeliveredKwh: first.writeKwh,
      discrepancies: [`purchaseKwh: the card says 9999, the ledger ${first.writeKwh}`],
      card: { data: { purchaseCount: 1, purchaseKwh: first.writeKwh, loaded: false } },
    });
    // A purchase the ledger never sold is refused outright.
    const other = await api.openAccount();
    const otherId = api.fresh('OLD');
    const sold = (await sell(other.id, 's1', cardImage({ kind: 'blank' }, otherId))).json<Sale>();
    const invented = lockedImage({ ...sold.details.card, purchaseCount: 2, loaded: false }, otherId);
    const refused = await transfer(other.id, {
      requestId: 't1',
      lockedCard: invented,
      newCard: cardImage({ kind: 'blank' }, api.fresh('NEW')),
    });
    expect(refused.json()).toMatchObject({
      code: 'CARD_COUNT_MISMATCH',
      details: { cardCount: 2, expectedCount: 1 },
    });
    const sameCard = await transfer(other.id, {
      requestId: 't2',
      lockedCard: lockedImage(sold.details.card, otherId),
      newCard: cardImage({ kind: 'blank' }, otherId),
    });
    expect(sameCard.json()).toMatchObject({ code: 'NEW_CARD_SAME' });
    const notLocked = await transfer(other.id, {
      requestId: 't3',
      lockedCard: cardImage(sold.details.card, otherId),
      newCard: cardImage({ kind: 'blank' }, api.fresh('NEW')),
    });
    expect(notLocked.json()).toMatchObject({ code: 'CARD_NOT_LOCKED' });
  });

  it('writes the sale whose card locked while it was being written onto the new card', async () => {
    const account = await api.openAccount();
    const oldId = api.fresh('OLD');
    const first = (await sell(account.id, 's1', cardImage({ kind: 'blank' }, oldId))).json<Sale>();
    const inMeter = taken(first.details.card, oldId);
    const second = await sell(account.id, 's2', inMeter);
    expect(second.statusCode, second.body).toBe(201);
    // The writer failed: the card locked and still shows purchase 1, taken by the meter.
    const moved = await transfer(account.id, {
      requestId: 't1',
      lockedCard: { ...inMeter, wrongPasswordAttempts: 3 },
      newCard: cardImage({ kind: 'blank' }, api.fresh('NEW')),
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json()).toMatchObject({
      purchaseCount: 2,
      undeliveredKwh: second.json<Sale>().writeKwh,
      card: { data: { purchaseCount: 2, cardSerial: 2, loaded: false } },
    });
  });

  it('moves a card once when ten copies of one transfer arrive at once', async () => {
    const account = await api.openAccount();
    const oldId = api.fresh('OLD');
    const first = (await sell(account.id, 's1', cardImage({ kind: 'blank' }, oldId))).json<Sale>();
    const body = {
      requestId: 't1',
      lockedCard: lockedImage(first.details.card, oldId),
      newCard: cardImage({ kind: 'blank' }, api.fresh('NEW')),
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => transfer(account.id, body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(9).fill(200), 201]);
    expect(new Set(answers.map((a) => a.json<Transfer>().id)).size).toBe(1);
    expect(await context.store.cardTransfers.ofAccount(account.id)).toHaveLength(1);
    expect((await context.store.ledger.profile(account.id))?.cardSerial).toBe(2);
  });

  it('is for cashiers of the account’s area only', async () => {
    const account = await api.openAccount();
    const oldId = api.fresh('OLD');
    const first = (await sell(account.id, 's1', cardImage({ kind: 'blank' }, oldId))).json<Sale>();
    const body = {
      requestId: 't1',
      lockedCard: lockedImage(first.details.card, oldId),
      newCard: cardImage({ kind: 'blank' }, api.fresh('NEW')),
      reason: 'locked',
    };
    const url = `/api/vending/accounts/${account.id}/locked-card-transfer`;
    const finance = await api.signIn('finance');
    expect((await api.call(finance, 'POST', url, body)).json()).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await api.outsider('cashier');
    expect((await api.call(elsewhere, 'POST', url, body)).json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    expect((await api.call(api.cashier, 'POST', url, body)).statusCode).toBe(201);
  });
});
