import { everyArea, normaliseScope } from '@openami/domain';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeter, newMeter, testNow, unique } from '../../test/fixtures.ts';
import { constraintViolation } from './executor.ts';

const page = { offset: 0, limit: 50, sort: 'id', direction: 'asc' } as const;

describeEachEngine('meters', (context) => {
  it('stock in a batch in one transaction, or nothing when one row fails', async () => {
    const area = await makeArea(context.store);
    const template = await newMeter(context.store, area.id);
    const batch = Array.from({ length: 1200 }, (_, i) => ({
      ...template,
      factoryNo: `${template.factoryNo}-${i}`,
    }));
    await context.store.transaction((tx) => tx.meters.stockInMany(batch, testNow));
    const found = await context.store.meters.search(everyArea, { areaPath: area.path }, page);
    expect(found.total).toBe(1200);

    const clash = [
      { ...template, factoryNo: unique('F') },
      { ...template, factoryNo: `${template.factoryNo}-7` },
    ];
    const failure = await context.store
      .transaction((tx) => tx.meters.stockInMany(clash, testNow))
      .catch((e) => e);
    expect(constraintViolation(failure)).toBe('unique');
    expect(await context.store.meters.getByFactoryNo(clash[0]?.factoryNo ?? '')).toBeUndefined();
  });

  it('search by factory number, address, state, area and customer, paged and sorted', async () => {
    const region = await makeArea(context.store, null, 'region');
    const building = await makeArea(context.store, region.id, 'building');
    const other = await makeArea(context.store, null, 'region');
    const a = await makeMeter(context.store, building.id, { factoryNo: unique('SRCH-A') });
    const b = await makeMeter(context.store, building.id, { state: 'installed' });
    await makeMeter(context.store, other.id);

    const byFactory = await context.store.meters.search(
      everyArea,
      { factoryNo: a.factoryNo.slice(0, -2) },
      page,
    );
    expect(byFactory.items.map((m) => m.id)).toContain(a.id);
    const byAddress = await context.store.meters.search(everyArea, { commAddress: b.commAddress }, page);
    expect(byAddress.items.map((m) => m.id)).toEqual([b.id]);
    const installedInRegion = await context.store.meters.search(
      everyArea,
      { areaPath: region.path, state: 'installed' },
      page,
    );
    expect(installedInRegion.items.map((m) => m.id)).toEqual([b.id]);
    const sorted = await context.store.meters.search(
      everyArea,
      { areaPath: region.path },
      { ...page, sort: 'factoryNo', direction: 'desc' },
    );
    expect(sorted.items.map((m) => m.factoryNo)).toEqual([a.factoryNo, b.factoryNo].sort().reverse());
    const secondPage = await context.store.meters.search(
      everyArea,
      { areaPath: region.path },
      { ...page, offset: 1, limit: 1 },
    );
    expect(secondPage).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(secondPage.items).toHaveLength(1);

    const customer = await context.store.customers.create(
      { code: unique('C'), name: '王五', unit: '', address: '', idNumber: '', areaId: building.id },
      null,
      testNow,
    );
    const price = await context.store.priceTypes.create(
      { code: unique('P'), name: 'r', unitPriceMilliFenPerKwh: 1 },
      null,
      testNow,
    );
    await context.store.accounts.open(
      {
        accountNo: unique('AC'),
        customerId: customer.id,
        meterId: a.id,
        priceTypeId: price.id,
        prepaidMode: 'card',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: '[]',
        openedAt: testNow,
      },
      testNow,
    );
    const byCustomer = await context.store.meters.search(
      everyArea,
      { customer: '王五', areaPath: region.path },
      page,
    );
    expect(byCustomer.items.map((m) => m.id)).toEqual([a.id]);
  });

  it('a user scope hides meters outside its areas', async () => {
    const mine = await makeArea(context.store, null, 'region');
    const theirs = await makeArea(context.store, null, 'region');
    const visible = await makeMeter(context.store, mine.id);
    await makeMeter(context.store, theirs.id);
    const result = await context.store.meters.search(normaliseScope([mine.path]), {}, page);
    expect(result.items.map((m) => m.id)).toEqual([visible.id]);
  });

  it('allows one open account per meter', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    const customer = await context.store.customers.create(
      { code: unique('C'), name: 'x', unit: '', address: '', idNumber: '', areaId: area.id },
      null,
      testNow,
    );
    const price = await context.store.priceTypes.create(
      { code: unique('P'), name: 'r', unitPriceMilliFenPerKwh: 1 },
      null,
      testNow,
    );
    const account = {
      customerId: customer.id,
      meterId: meter.id,
      priceTypeId: price.id,
      prepaidMode: 'card',
      alarmEnergyWh: 0,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: '[]',
      openedAt: testNow,
    };
    const first = await context.store.accounts.open({ ...account, accountNo: unique('AC') }, testNow);
    const clash = await context.store.accounts
      .open({ ...account, accountNo: unique('AC') }, testNow)
      .catch((e) => e);
    expect(constraintViolation(clash)).toBe('unique');
    await context.store.accounts.close(first.id, testNow);
    await expect(
      context.store.accounts.open({ ...account, accountNo: unique('AC') }, testNow),
    ).resolves.toBeDefined();
  });
});
