import { everyArea } from '@openami/domain';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, testNow } from '../../test/fixtures.ts';

describeEachEngine('account look-up by phone', (context) => {
  it('finds an account by a phone number on it, typed whole, by its start or by its last digits', async () => {
    const { account } = await makeAccount(context.store);
    const other = await makeAccount(context.store);
    await context.store.accounts.update(account.id, { phones: '["13493299085","+8613512340001"]' }, testNow);
    await context.store.accounts.update(other.account.id, { phones: '["13600009085"]' }, testNow);
    const ids = async (text: string) =>
      (await context.store.accounts.find(everyArea, text, 20)).map((a) => a.id).sort((a, b) => a - b);
    expect(await ids('13493299085')).toEqual([account.id]);
    expect(await ids('134 9329 9085')).toEqual([account.id]);
    expect(await ids('1349329')).toEqual([account.id]);
    // Stored with +86, typed without it, and the other way round.
    expect(await ids('13512340001')).toEqual([account.id]);
    expect(await ids('+86 134-9329-9085')).toEqual([account.id]);
    // 尾号: the last four digits match both numbers that end with them.
    expect(await ids('9085')).toEqual([account.id, other.account.id].sort((a, b) => a - b));
    expect(await ids('085')).toEqual([]);
    expect((await context.store.accounts.find(everyArea, '13493299085', 5))[0]).toMatchObject({
      phones: '["13493299085","+8613512340001"]',
    });
  });
});
