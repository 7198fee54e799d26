import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, testNow, unique } from '../../test/fixtures.ts';
import type { NewCardTransfer } from './card-transfers.ts';

function transfer(accountId: number, fields: Partial<NewCardTransfer> = {}): NewCardTransfer {
  return {
    accountId,
    requestId: unique('T'),
    requestFingerprint: 'f',
    voidCardId: unique('LOCKED'),
    newCardId: unique('NEW'),
    newCardSerial: 2,
    purchaseCount: 5,
    undeliveredKwh: 0,
    operatorUserId: null,
    operatorName: 'cashier',
    details: { reading: { purchaseCount: 5 } },
    createdAt: testNow,
    ...fields,
  };
}

describeEachEngine('locked cards moved to new ones (001 FAQ 12)', (context) => {
  it('records a transfer, finds it by request and by the voided card, and lists the account’s', async () => {
    const { account } = await makeAccount(context.store);
    const row = await context.store.cardTransfers.record(
      transfer(account.id, { requestId: 'r1', voidCardId: 'X1' }),
    );
    expect(row).toMatchObject({
      accountId: account.id,
      requestId: 'r1',
      voidCardId: 'X1',
      undeliveredKwh: 0,
    });
    expect(JSON.parse(row.details)).toEqual({ reading: { purchaseCount: 5 } });
    expect((await context.store.cardTransfers.byRequest(account.id, 'r1'))?.id).toBe(row.id);
    expect((await context.store.cardTransfers.voiding('X1'))?.id).toBe(row.id);
    expect(await context.store.cardTransfers.voiding('not-void')).toBeUndefined();
    const second = await context.store.cardTransfers.record(transfer(account.id));
    expect((await context.store.cardTransfers.ofAccount(account.id)).map((t) => t.id)).toEqual([
      row.id,
      second.id,
    ]);
  });

  it('voids a card once: a second transfer of the same card, or a reused request id, is refused', async () => {
    const { account } = await makeAccount(context.store);
    await context.store.cardTransfers.record(transfer(account.id, { requestId: 'r1', voidCardId: 'X2' }));
    await expect(
      context.store.cardTransfers.record(transfer(account.id, { voidCardId: 'X2' })),
    ).rejects.toThrow();
    await expect(
      context.store.cardTransfers.record(transfer(account.id, { requestId: 'r1' })),
    ).rejects.toThrow();
    // Another account may use the same request id.
    const other = await makeAccount(context.store);
    await expect(
      context.store.cardTransfers.record(transfer(other.account.id, { requestId: 'r1' })),
    ).resolves.toMatchObject({ requestId: 'r1' });
  });

  it('is append-only in the database itself', async () => {
    const { account } = await makeAccount(context.store);
    const row = await context.store.cardTransfers.record(transfer(account.id));
    await expect(
      sql`update vending_card_transfers set void_card_id = 'free again' where id = ${row.id}`.execute(
        context.store.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from vending_card_transfers where id = ${row.id}`.execute(context.store.db),
    ).rejects.toThrow(/append-only/);
  });
});
