import { everyArea } from '@openami/domain';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, makeMeter, testNow } from '../../test/fixtures.ts';

describeEachEngine('account look-up', (context) => {
  it("finds an account by its number, its meter, or its customer, within the user's areas", async () => {
    const { account, meter, customer, area } = await makeAccount(context.store);
    for (const text of [account.accountNo, meter.factoryNo, customer.code]) {
      const found = await context.store.accounts.find(everyArea, text, 10);
      expect(
        found.map((a) => a.id),
        text,
      ).toEqual([account.id]);
    }
    expect(await context.store.accounts.find(everyArea, '张三', 100)).toContainEqual(
      expect.objectContaining({ id: account.id, factoryNo: meter.factoryNo, customerName: '张三' }),
    );
    // The room (门牌) a cashier is often told instead of a number.
    await context.store.customers.update(customer.id, { unit: 'R7-1203' }, null, Date.now());
    expect(await context.store.accounts.find(everyArea, 'R7-12', 10)).toEqual([
      expect.objectContaining({ id: account.id, unit: 'R7-1203' }),
    ]);
    expect(
      await context.store.accounts.find({ kind: 'paths', paths: [area.path] }, account.accountNo, 10),
    ).toHaveLength(1);
    expect(
      await context.store.accounts.find({ kind: 'paths', paths: ['/999999/'] }, account.accountNo, 10),
    ).toEqual([]);
  });

  it('names the holder of each meter’s open account, leaving out meters with none', async () => {
    const { account, meter, customer, area } = await makeAccount(context.store);
    await context.store.customers.update(customer.id, { unit: '1-2-301' }, null, testNow);
    const spare = await makeMeter(context.store, area.id, { state: 'installed' });
    expect(await context.store.accounts.holdersOf([meter.id, spare.id])).toEqual([
      {
        meterId: meter.id,
        accountId: account.id,
        accountNo: account.accountNo,
        customerId: customer.id,
        customerName: '张三',
        unit: '1-2-301',
        address: '1-101',
      },
    ]);
    await context.store.accounts.close(account.id, testNow);
    expect(await context.store.accounts.holdersOf([meter.id])).toEqual([]);
    expect(await context.store.accounts.holdersOf([])).toEqual([]);
  });

  it("lists each customer's accounts in the user's areas, open first, with meter and phones", async () => {
    const { account, meter, customer, area } = await makeAccount(context.store);
    await context.store.accounts.update(account.id, { phones: '["13493299085"]' }, testNow);
    await context.store.accounts.close(account.id, testNow);
    const second = await makeMeter(context.store, area.id, { state: 'installed' });
    const reopened = await context.store.accounts.open(
      {
        accountNo: `${account.accountNo}-2`,
        customerId: customer.id,
        meterId: second.id,
        priceTypeId: account.priceTypeId,
        prepaidMode: 'remote',
        alarmEnergyWh: 0,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: '[]',
        openedAt: testNow,
      },
      testNow,
    );
    expect(await context.store.accounts.ofCustomers(everyArea, [customer.id])).toEqual([
      {
        customerId: customer.id,
        accountId: reopened.id,
        accountNo: reopened.accountNo,
        state: 'open',
        meterId: second.id,
        factoryNo: second.factoryNo,
        phones: '[]',
      },
      {
        customerId: customer.id,
        accountId: account.id,
        accountNo: account.accountNo,
        state: 'closed',
        meterId: meter.id,
        factoryNo: meter.factoryNo,
        phones: '["13493299085"]',
      },
    ]);
    expect(
      await context.store.accounts.ofCustomers({ kind: 'paths', paths: ['/999999/'] }, [customer.id]),
    ).toEqual([]);
    expect(await context.store.accounts.ofCustomers(everyArea, [])).toEqual([]);
  });
});
