import { roleAllows } from '@openami/domain';
import type { ServiceContext } from '../context.ts';
import { meterInScope } from '../policies/scope.ts';
import { prepaidBalance } from './vending/prepaid-balance.ts';
import { loadSituation } from './vending/situation.ts';

/**
 * The open account on a meter, for the meter's page: whose it is and how it is prepaid, to anyone who may
 * read the meter; its money (balance, purchases, last sale) only to those who may read the vending ledger.
 */
export async function meterAccount(context: ServiceContext, meterId: number) {
  const meter = await meterInScope(context, meterId);
  const account = await context.store.accounts.openForMeter(meter.id);
  if (account === undefined) return { account: null, amounts: null };
  const customer = await context.store.customers.get(account.customerId);
  const facts = {
    id: account.id,
    accountNo: account.accountNo,
    prepaidMode: account.prepaidMode,
    openedAt: account.openedAt,
    alarmEnergyWh: account.alarmEnergyWh,
    customer:
      customer === undefined
        ? null
        : {
            id: customer.id,
            code: customer.code,
            name: customer.name,
            unit: customer.unit,
            address: customer.address,
          },
  };
  if (!roleAllows(context.principal.role, 'vending.read')) return { account: facts, amounts: null };
  const situation = await loadSituation(context.store, account.id, context);
  const [reading, lastSale] = await Promise.all([
    context.store.residentView.latestReading(meter.id),
    situation.balance.lastSaleId === null
      ? undefined
      : context.store.ledger.get(situation.balance.lastSaleId),
  ]);
  return {
    account: facts,
    amounts: {
      balance: prepaidBalance(account.prepaidMode, situation.balance, reading, meter.multiplier, context.now),
      netPaidFen: situation.balance.netPaidFen,
      netEnergyWh: situation.balance.netEnergyWh,
      purchaseCount: situation.balance.purchaseCount,
      lastSale:
        lastSale === undefined
          ? null
          : {
              id: lastSale.id,
              at: lastSale.createdAt,
              amountFen: lastSale.amountFen,
              energyWh: lastSale.energyWh,
              invoiceNo: lastSale.invoiceNo,
            },
    },
  };
}
