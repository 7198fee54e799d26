import type { PageRequest } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { accountInScope } from '../../policies/scope.ts';
import { localMoney } from './local.ts';
import { prepaidBalance } from './prepaid-balance.ts';
import { presentEntry } from './present.ts';
import { loadSituation } from './situation.ts';

/** 001 §3.3.1: the cashier picks the account (or reads its card), or finds it by a phone number on it. */
export async function findAccounts(context: ServiceContext, text: string, limit: number) {
  const found = await context.store.accounts.find(context.principal.scope, text, limit);
  return found.map((match) => ({ ...match, phones: JSON.parse(match.phones) as string[] }));
}

/** Where an account stands: its balance, card state and the tariff that would price a sale now. */
export async function vendingSummary(context: ServiceContext, accountId: number) {
  await accountInScope(context, accountId);
  const situation = await loadSituation(context.store, accountId, context);
  const lastSaleId = situation.balance.lastSaleId;
  const [last, totals, reading] = await Promise.all([
    lastSaleId === null ? undefined : context.store.ledger.get(lastSaleId),
    context.store.ledger.totals(accountId),
    context.store.readings.latestPrepaid(situation.meter.id),
  ]);
  const { balance, meter, account } = situation;
  return {
    accountId,
    accountNo: situation.account.accountNo,
    state: situation.account.state,
    prepaidMode: situation.account.prepaidMode,
    customer: {
      id: situation.customer.id,
      name: situation.customer.name,
      address: situation.customer.address,
    },
    meter: {
      id: situation.meter.id,
      factoryNo: situation.meter.factoryNo,
      multiplier: situation.meter.multiplier,
      cardStandard: situation.standard,
    },
    balance: {
      balanceFen: situation.balance.balanceFen,
      netPaidFen: situation.balance.netPaidFen,
      consumedFen: situation.balance.consumedFen,
      consumedWh: situation.balance.consumedWh,
      netEnergyWh: situation.balance.netEnergyWh,
      pendingAdjustmentWh: situation.balance.pendingAdjustmentWh,
      purchaseCount: situation.balance.purchaseCount,
      // Metered use (charges) is negative energy in the ledger: what was bought is the rest.
      boughtWh: balance.netEnergyWh + balance.consumedWh,
      entries: totals.entries,
      drift: [...situation.drift],
    },
    remaining: prepaidBalance(account.prepaidMode, balance, reading, meter.multiplier, context.now),
    card: { cardSerial: situation.card.cardSerial, presetKwh: situation.card.presetKwh },
    tariff: {
      kind: situation.basis.tariff.kind,
      tariffVersionId: situation.basis.tariffVersionId,
      priceTypeVersionId: situation.basis.priceTypeVersionId,
      tierCycle: situation.basis.tierCycle,
      cycleUsedWh: situation.basis.cycleUsedWh,
    },
    lastSale: last === undefined ? null : presentEntry(last),
    // Where a local account's last money is, so the counter says it and offers a cancel when it may.
    lastTopUp:
      account.prepaidMode === 'local' && last !== undefined && last.meterId === meter.id
        ? await localMoney(context.store, last.id)
        : null,
  };
}

/** The account's statement: every ledger entry, newest first by default. */
export async function statement(context: ServiceContext, accountId: number, page: PageRequest<'id'>) {
  await accountInScope(context, accountId);
  const result = await context.store.ledger.list(accountId, page);
  return { ...result, items: result.items.map((row) => presentEntry(row)) };
}
