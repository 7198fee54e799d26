import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeter, makeMeterType, testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('versioned set-up', (context) => {
  it('a price change makes a new version and keeps the old one as it was', async () => {
    const created = await context.store.priceTypes.create(
      { code: unique('P'), name: 'residential', unitPriceMilliFenPerKwh: 52_830 },
      null,
      testNow,
    );
    const v1 = await context.store.priceTypes.currentVersion(created.id);
    const updated = await context.store.priceTypes.update(
      created.id,
      { unitPriceMilliFenPerKwh: 56_830 },
      7,
      testNow + 1,
    );
    expect(updated?.version).toBe(2);
    const versions = await context.store.priceTypes.versions(created.id);
    expect(versions.map((v) => [v.version, v.unitPriceMilliFenPerKwh, v.createdBy])).toEqual([
      [1, 52_830, null],
      [2, 56_830, 7],
    ]);
    expect(
      v1 === undefined
        ? undefined
        : (await context.store.priceTypes.getVersion(v1.id))?.unitPriceMilliFenPerKwh,
    ).toBe(52_830);
  });

  it('a meter keeps the meter-type version it was stocked in with', async () => {
    const area = await makeArea(context.store);
    const meter = await makeMeter(context.store, area.id);
    await context.store.meterTypes.update(meter.meterTypeId, { constantImpPerKwh: 3200 }, null, testNow + 1);
    const stocked = await context.store.meterTypes.getVersion(meter.meterTypeVersionId);
    expect(stocked?.constantImpPerKwh).toBe(1600);
    expect((await context.store.meterTypes.get(meter.meterTypeId))?.constantImpPerKwh).toBe(3200);
  });

  it('a customer change keeps earlier versions', async () => {
    const area = await makeArea(context.store);
    const customer = await context.store.customers.create(
      { code: unique('C'), name: '张三', unit: '', address: '1-101', idNumber: '', areaId: area.id },
      null,
      testNow,
    );
    await context.store.customers.update(customer.id, { name: '李四' }, null, testNow + 1);
    const versions = await context.store.customers.versions(customer.id);
    expect(versions.map((v) => v.name)).toEqual(['张三', '李四']);
  });

  it('creates customers in bulk, each with its first version', async () => {
    const area = await makeArea(context.store);
    const rows = Array.from({ length: 700 }, (_, i) => ({
      code: unique(`BULK${i}-`),
      name: `n${i}`,
      unit: '',
      address: '',
      idNumber: '',
      areaId: area.id,
    }));
    await context.store.transaction((tx) => tx.customers.createMany(rows, 3, testNow));
    const last = await context.store.customers.getByCode(rows[699]?.code ?? '');
    expect(last?.version).toBe(1);
    expect(await context.store.customers.versions(last?.id ?? 0)).toMatchObject([
      { version: 1, name: 'n699', createdBy: 3 },
    ]);
  });

  it('meter type codes are unique', async () => {
    const type = await makeMeterType(context.store);
    await expect(
      context.store.meterTypes.create({ ...type, code: type.code }, null, testNow),
    ).rejects.toThrow();
  });
});
