import { randomBytes } from 'node:crypto';
import type { Store } from '@openami/storage';
import { tokenHash } from '../src/auth/tokens.ts';

export interface VendingWorld {
  /** One account per cashier. */
  readonly accountIds: readonly number[];
  /** One bearer token per cashier, each a user of its own. */
  readonly tokens: readonly string[];
}

/**
 * Straight in a migrated store: one area, a GB/T 18460 meter type, a flat price type of 52.83 fen/kWh, and
 * per cashier a meter, a customer, an account and a signed-in cashier with a bearer token. For tests and
 * benchmarks that drive the API from outside its process.
 */
export async function seedVendingWorld(
  store: Store,
  options: {
    readonly cashiers: number;
    readonly prepaidMode: 'card' | 'remote';
    /** Beside other meters in the store: their factory numbers' prefix and first address (F, 1). */
    readonly meters?: { readonly factoryPrefix: string; readonly firstAddress: number };
  },
): Promise<VendingWorld> {
  const now = Date.now();
  const area = await store.areas.create({ parentId: null, kind: 'community', code: 'A1', name: 'a' }, now);
  const type = await store.meterTypes.create(
    {
      code: 'MT1',
      name: 'single-phase prepaid',
      model: 'DDSY',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 40_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
    },
    null,
    now,
  );
  const version = await store.meterTypes.currentVersion(type.id);
  const price = await store.priceTypes.create(
    { code: 'P1', name: 'p', unitPriceMilliFenPerKwh: 52_830 },
    null,
    now,
  );
  const accountIds: number[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < options.cashiers; i += 1) {
    const meter = await store.meters.stockIn(
      {
        factoryNo: `${options.meters?.factoryPrefix ?? 'F'}${i}`,
        commAddress: String((options.meters?.firstAddress ?? 1) + i).padStart(12, '0'),
        meterTypeId: type.id,
        meterTypeVersionId: version?.id ?? 0,
        state: 'installed',
        startingReadingWh: 0,
        areaId: area.id,
        terminalPortId: null,
        parentMeterId: null,
        ptPrimary: 1,
        ptSecondary: 1,
        ctPrimary: 1,
        ctSecondary: 1,
        multiplier: 1,
        stockedInAt: now,
      },
      now,
    );
    const customer = await store.customers.create(
      { code: `C${i}`, name: 'c', unit: '', address: '', idNumber: '', areaId: area.id },
      null,
      now,
    );
    const account = await store.accounts.open(
      {
        accountNo: `AC${i}`,
        customerId: customer.id,
        meterId: meter.id,
        priceTypeId: price.id,
        prepaidMode: options.prepaidMode,
        alarmEnergyWh: 0,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: '[]',
        openedAt: now,
      },
      now,
    );
    accountIds.push(account.id);
    const user = await store.users.create(
      {
        username: `cashier${i}`,
        displayName: '',
        passwordHash: 'x',
        role: 'cashier',
        allAreas: true,
        locale: 'en',
      },
      now,
    );
    const token = `oat_${randomBytes(16).toString('hex')}`;
    await store.sessions.create({
      tokenHash: tokenHash(token),
      userId: user.id,
      kind: 'bearer',
      name: 'driver',
      csrfToken: '',
      createdAt: now,
      expiresAt: now + 86_400_000,
      sourceIp: '127.0.0.1',
    });
    tokens.push(token);
  }
  return { accountIds, tokens };
}
