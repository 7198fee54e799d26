import type { AreaRow, MeterRow, NewMeter, Repositories } from '../src/index.ts';

/** Small factories for store tests; each call makes rows with fresh codes so tests can share a database. */
let sequence = 0;
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${process.pid}${sequence.toString().padStart(6, '0')}`;
}

export const testNow = Date.UTC(2026, 10, 22, 8, 0, 0);

export async function makeArea(
  repos: Repositories,
  parentId: number | null = null,
  kind = 'community',
): Promise<AreaRow> {
  return repos.areas.create({ parentId, kind, code: unique('A'), name: unique('area ') }, testNow);
}

export async function makeMeterType(repos: Repositories) {
  return repos.meterTypes.create(
    {
      code: unique('MT'),
      name: 'DDSY666 single-phase prepaid',
      model: 'DDSY666',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 40_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
    },
    null,
    testNow,
  );
}

export async function newMeter(
  repos: Repositories,
  areaId: number,
  overrides: Partial<NewMeter> = {},
): Promise<NewMeter> {
  const type = await makeMeterType(repos);
  const version = await repos.meterTypes.currentVersion(type.id);
  if (version === undefined) throw new Error('a new meter type has version 1');
  return {
    factoryNo: unique('F'),
    commAddress: unique('').slice(-12).padStart(12, '0'),
    meterTypeId: type.id,
    meterTypeVersionId: version.id,
    state: 'in_stock',
    startingReadingWh: 0,
    areaId,
    terminalPortId: null,
    parentMeterId: null,
    ptPrimary: 1,
    ptSecondary: 1,
    ctPrimary: 1,
    ctSecondary: 1,
    multiplier: 1,
    stockedInAt: testNow,
    ...overrides,
  };
}

export async function makeMeter(
  repos: Repositories,
  areaId: number,
  overrides: Partial<NewMeter> = {},
): Promise<MeterRow> {
  return repos.meters.stockIn(await newMeter(repos, areaId, overrides), testNow);
}

export interface AccountOptions {
  readonly prepaidMode?: 'card' | 'remote' | 'local';
  /** The price type's flat price; 52.83 fen/kWh unless given. */
  readonly unitPriceMilliFenPerKwh?: number;
  readonly alarmEnergyWh?: number;
  /** When the rows are made and the account opened; `testNow` unless given. */
  readonly at?: number;
}

/** An open account (a card account unless told) on a fresh meter, with a fresh area, customer and price type. */
export async function makeAccount(repos: Repositories, options: AccountOptions = {}) {
  const at = options.at ?? testNow;
  const area = await makeArea(repos);
  const meter = await makeMeter(repos, area.id, { state: 'installed', stockedInAt: at });
  const customer = await repos.customers.create(
    { code: unique('C'), name: '张三', unit: '', address: '1-101', idNumber: '', areaId: area.id },
    null,
    at,
  );
  const priceType = await repos.priceTypes.create(
    { code: unique('P'), name: '居民', unitPriceMilliFenPerKwh: options.unitPriceMilliFenPerKwh ?? 52_830 },
    null,
    at,
  );
  const account = await repos.accounts.open(
    {
      accountNo: unique('AC'),
      customerId: customer.id,
      meterId: meter.id,
      priceTypeId: priceType.id,
      prepaidMode: options.prepaidMode ?? 'card',
      alarmEnergyWh: options.alarmEnergyWh ?? 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: '[]',
      openedAt: at,
    },
    at,
  );
  return { area, meter, customer, priceType, account };
}
