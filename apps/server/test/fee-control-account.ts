// One fee-control account on a stored meter, as the remote and local fee-control tests need it: a flat
// residential price type, a customer in the field's area, the account opened a second before `now`.
import type { Repositories } from '@openami/storage';

export interface FeeControlAccount {
  readonly meterId: number;
  readonly areaId: number;
  readonly mode: 'remote' | 'local';
  readonly accountNo: string;
  readonly customerName: string;
  readonly unit: string;
  readonly phones?: readonly string[];
}

/** Opens the account and returns its id. */
export async function openFeeControlAccount(
  store: Repositories,
  account: FeeControlAccount,
): Promise<number> {
  const now = Date.now();
  const priceType = await store.priceTypes.create(
    { code: `P-${account.accountNo}`, name: '居民', unitPriceMilliFenPerKwh: 50_000 },
    null,
    now,
  );
  const customer = await store.customers.create(
    {
      code: `C-${account.accountNo}`,
      name: account.customerName,
      unit: account.unit,
      address: '',
      idNumber: '',
      areaId: account.areaId,
    },
    null,
    now,
  );
  const opened = await store.accounts.open(
    {
      accountNo: account.accountNo,
      customerId: customer.id,
      meterId: account.meterId,
      priceTypeId: priceType.id,
      prepaidMode: account.mode,
      alarmEnergyWh: 2_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: JSON.stringify(account.phones ?? []),
      openedAt: now - 1000,
    },
    now,
  );
  return opened.id;
}
