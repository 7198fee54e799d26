import type { Role } from '@openami/domain';
import type { Store } from '@openami/storage';
import type { App } from '../src/app.ts';
import { type Actor, appFor, signIn } from './harness.ts';

/** A card image as a cashier's reader sends it (docs/card-image.md). */
export const cardImage = (data: object, cardId = 'C-1', wrongPasswordAttempts = 0) => ({
  format: 'openami-card/1',
  cardId,
  wrongPasswordAttempts,
  data,
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/**
 * One area with a GB/T 18460 meter type and a flat price type (0.4883 yuan/kWh), an administrator and a
 * cashier of every area, through the API: the set-up of the vending route tests. `openAccount` opens a
 * card account for 李四 on a new meter.
 */
export async function vendingApi(store: Store, prefix: string) {
  const app: App = await appFor(store);
  const admin = await signIn(app, store, 'administrator', 'all');
  const cashier = await signIn(app, store, 'cashier', 'all');
  let n = 0;
  const fresh = (p: string) => `${p}${prefix}${process.pid}x${(n++).toString().padStart(4, '0')}`;
  const call = (actor: Actor, method: Method, url: string, payload?: object, locale?: string) =>
    app.inject({
      method,
      url,
      headers: { ...actor.headers, ...(locale === undefined ? {} : { 'accept-language': locale }) },
      ...(payload === undefined ? {} : { payload }),
    });
  const created = async (response: Awaited<ReturnType<typeof call>>) => {
    if (response.statusCode !== 201) throw new Error(`set-up failed: ${response.body}`);
    return response.json<{ id: number }>().id;
  };
  const areaCode = fresh('A');
  const areaId = await created(
    await call(admin, 'POST', '/api/areas', {
      parentId: null,
      kind: 'community',
      code: areaCode,
      name: '和园',
    }),
  );
  const meterTypeId = await created(
    await call(admin, 'POST', '/api/meter-types', {
      code: fresh('MT'),
      name: 'DDSY GB/T 18460',
      model: 'DDSY',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 40_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
    }),
  );
  const priceTypeId = await created(
    await call(admin, 'POST', '/api/price-types', {
      code: fresh('P'),
      name: '居民',
      unitPriceMilliFenPerKwh: 48_830,
    }),
  );

  /** A meter in stock in the area (or in `inArea`). */
  async function stockMeter(inArea = areaId) {
    const meter = await call(admin, 'POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: String(800_000 + n++).padStart(12, '0'),
      meterTypeId,
      areaId: inArea,
    });
    if (meter.statusCode !== 201) throw new Error(`set-up failed: ${meter.body}`);
    return meter.json<{ id: number; factoryNo: string }>();
  }

  async function openAccount(customerName = '李四') {
    const meter = await call(admin, 'POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: String(800_000 + n++).padStart(12, '0'),
      meterTypeId,
      areaId,
    });
    const customerId = await created(
      await call(admin, 'POST', '/api/customers', {
        code: fresh('C'),
        name: customerName,
        unit: '',
        address: '3-502',
        idNumber: '',
        areaId,
      }),
    );
    const id = await created(
      await call(cashier, 'POST', '/api/accounts', {
        accountNo: fresh('AC'),
        customerId,
        meterId: meter.json<{ id: number }>().id,
        priceTypeId,
        prepaidMode: 'card',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
      }),
    );
    return {
      id,
      factoryNo: meter.json<{ factoryNo: string }>().factoryNo,
      meterId: meter.json<{ id: number }>().id,
    };
  }

  /** A user of `role` whose only area is a new one: outside the accounts opened here. */
  async function outsider(role: Role): Promise<Actor> {
    const other = await store.areas.create(
      { parentId: null, kind: 'community', code: fresh('O'), name: '别处' },
      Date.now(),
    );
    return signIn(app, store, role, [other]);
  }

  return {
    app,
    admin,
    cashier,
    call,
    fresh,
    area: { id: areaId, code: areaCode },
    priceTypeId,
    /** Another area beside the first, in every cashier's scope. */
    newArea: async () => {
      const code = fresh('B');
      const id = await created(
        await call(admin, 'POST', '/api/areas', { parentId: null, kind: 'community', code, name: '别院' }),
      );
      return { id, code };
    },
    stockMeter,
    openAccount,
    outsider,
    signIn: (role: Role) => signIn(app, store, role, 'all'),
  };
}
