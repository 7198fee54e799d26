import { everyArea, localTimeOf } from '@openami/domain';
import type { Store } from '@openami/storage';
import type { ResidentPrincipal } from '../../auth/resident.ts';
import { prepaidBalance } from '../vending/prepaid-balance.ts';
import { loadSituation } from '../vending/situation.ts';

/**
 * What a resident sees of their own account (002 §2.2), read-only. Every query starts from the resident's
 * session's account; nothing here takes an account, meter or alarm id from the request.
 */
export interface ResidentContext {
  readonly store: Store;
  readonly resident: ResidentPrincipal;
  readonly now: number;
  readonly timeZone: string;
}

export async function residentAccount(context: ResidentContext) {
  const { store, resident } = context;
  const situation = await loadSituation(store, resident.accountId, context);
  const { account, meter, customer } = situation;
  const reading = await store.residentView.latestReading(meter.id);
  const multiplier = meter.multiplier;
  const balance = prepaidBalance(account.prepaidMode, situation.balance, reading, multiplier, context.now);
  return {
    accountNo: account.accountNo,
    prepaidMode: account.prepaidMode,
    customerName: customer.name,
    address: customer.address,
    meterNo: meter.factoryNo,
    balance,
    alarmEnergyWh: account.alarmEnergyWh,
    paidFen: situation.balance.netPaidFen,
    purchaseCount: situation.balance.purchaseCount,
    // A reading from before the account's opening is the previous occupant's.
    lastReading:
      reading === undefined || reading.readAt < account.openedAt
        ? null
        : { readAt: reading.readAt, activeImportWh: reading.activeImportWh * multiplier },
  };
}

const dayMs = 86_400_000;

/** The meter's daily energy (site-local days) over the last `days` days since the opening, customer Wh. */
export async function residentDailyUsage(context: ResidentContext, days: number) {
  const { store, resident } = context;
  const account = await store.accounts.get(resident.accountId);
  const meter = account === undefined ? undefined : await store.meters.get(account.meterId);
  if (meter === undefined) return { days: [] };
  // From the account's opening day at the earliest: the days before are the previous occupant's.
  const earliest = localTimeOf(context.now - (days - 1) * dayMs, context.timeZone).date;
  const opened = localTimeOf(account?.openedAt ?? 0, context.timeZone).date;
  const from = opened > earliest ? opened : earliest;
  // Up to any later day too: a meter's clock a little ahead still shows today.
  const rows = await store.readings.daily(meter.id, from, '9999-12-31');
  return {
    days: rows.slice(-days).map((r) => ({ day: r.day, energyWh: r.energyWh * meter.multiplier })),
  };
}

/** The account's purchases, newest first: what was paid, what it bought, and whether it was undone. */
export async function residentPurchases(context: ResidentContext, limit: number) {
  const rows = await context.store.residentView.purchases(context.resident.accountId, limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      at: r.createdAt,
      amountFen: r.amountFen,
      energyWh: r.energyWh,
      purchaseCount: r.purchaseCount,
      invoiceNo: r.invoiceNo,
    })),
  };
}

/**
 * The alarms of the account's meter raised since its opening, newest first: what kind, when, and whether it
 * is still open.
 */
export async function residentAlarms(context: ResidentContext, limit: number) {
  const { store, resident } = context;
  const account = await store.accounts.get(resident.accountId);
  if (account === undefined) return { items: [] };
  const page = await store.alarms.list(
    everyArea,
    // Raised since the account's opening: the alarms before are the previous occupant's.
    { objectType: 'meter', objectId: String(account.meterId), fromMs: account.openedAt },
    { offset: 0, limit, sort: 'raisedAt', direction: 'desc' },
  );
  return {
    items: page.items.map((a) => ({
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      state: a.state,
      raisedAt: a.raisedAt,
      clearedAt: a.clearedAt,
    })),
  };
}
