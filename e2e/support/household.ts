// A household entered straight into the store for a browser test: an area, a single-phase meter type and
// meter, a customer, a price type and an open account with one top-up in the ledger. Tests add what their
// page needs on top (readings, freezes, alarms).
import type { Store } from '@openami/storage';

export interface HouseholdSpec {
  readonly areaCode: string;
  readonly meterType: { readonly code: string; readonly name: string; readonly cardStandard: string };
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly customer: {
    readonly code: string;
    readonly name: string;
    readonly unit: string;
    readonly address: string;
  };
  readonly unitPriceMilliFenPerKwh: number;
  readonly accountNo: string;
  readonly prepaidMode: 'card' | 'remote' | 'local';
  readonly phones: readonly string[];
  /** The opening top-up: money, and for a card account the energy written and its purchase count. */
  readonly topUp: {
    readonly amountFen: number;
    readonly energyWh: number;
    readonly purchaseCount: number | null;
    readonly invoiceNo: string;
  };
  /** How long ago the account was opened and topped up. */
  readonly openedDaysAgo: number;
  readonly toppedUpDaysAgo: number;
}

const DAY = 86_400_000;

export async function enterHousehold(
  store: Store,
  spec: HouseholdSpec,
): Promise<{ areaId: number; meterId: number; accountId: number; accountNo: string }> {
  const now = Date.now();
  const area = await store.areas.create(
    { parentId: null, kind: 'community', code: spec.areaCode, name: '和园' },
    now,
  );
  const meterType = await store.meterTypes.create(
    {
      ...spec.meterType,
      model: spec.meterType.code,
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 60_000,
      phases: 1,
      protocol: 'dlt645_2007',
    },
    null,
    now,
  );
  const version = await store.meterTypes.currentVersion(meterType.id);
  const meter = await store.meters.stockIn(
    {
      factoryNo: spec.factoryNo,
      commAddress: spec.commAddress,
      meterTypeId: meterType.id,
      meterTypeVersionId: version?.id ?? 0,
      startingReadingWh: 0,
      areaId: area.id,
      state: 'installed',
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
    { ...spec.customer, idNumber: '', areaId: area.id },
    null,
    now,
  );
  const priceType = await store.priceTypes.create(
    { code: 'R', name: '居民', unitPriceMilliFenPerKwh: spec.unitPriceMilliFenPerKwh },
    null,
    now,
  );
  const account = await store.accounts.open(
    {
      accountNo: spec.accountNo,
      customerId: customer.id,
      meterId: meter.id,
      priceTypeId: priceType.id,
      prepaidMode: spec.prepaidMode,
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: JSON.stringify(spec.phones),
      openedAt: now - spec.openedDaysAgo * DAY,
    },
    now,
  );
  await store.ledger.append({
    accountId: account.id,
    meterId: meter.id,
    kind: 'sale',
    amountFen: spec.topUp.amountFen,
    energyWh: spec.topUp.energyWh,
    adjustmentWh: 0,
    purchaseCount: spec.topUp.purchaseCount,
    writeKwh: spec.topUp.purchaseCount === null ? null : spec.topUp.energyWh / 1000,
    refersToId: null,
    tierCycle: null,
    priceTypeVersionId: null,
    tariffVersionId: null,
    requestId: `e2e-top-up-${spec.accountNo}`,
    requestFingerprint: 'x',
    invoiceNo: spec.topUp.invoiceNo,
    operatorUserId: null,
    operatorName: 'e2e',
    details: {},
    createdAt: now - spec.toppedUpDaysAgo * DAY,
  });
  return { areaId: area.id, meterId: meter.id, accountId: account.id, accountNo: account.accountNo };
}
