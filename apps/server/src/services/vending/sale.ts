import {
  type CardSaleEnergy,
  type CardSalePlan,
  cardEnergyStepWh,
  cardSaleEnergy,
  energyForMoney,
  explainCardEnergy,
  explainPriced,
  formatYuan,
  type Priced,
  type PricedJson,
  planCardSale,
  pricedToJson,
  priceEnergy,
} from '@openami/domain';
import { canonicalJson, recordOnce } from '@openami/storage';
import type { AppServices, ServiceContext } from '../../context.ts';
import { AppError, type Locale } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { actorOf } from '../actor.ts';
import { checkMeterTakes, recordTopUp, requireLastDelivered, sendLocalTopUp } from './local.ts';
import { movementAudit, operator, replayOrRefuse } from './movement.ts';
import type { SaleDetails } from './present.ts';
import { refusalError, requireCard } from './refusals.ts';
import { recordRelay, remoteStatus, withRelay } from './remote.ts';
import { loadSituation, type Situation } from './situation.ts';

/** 001 §3.3.1: the cashier enters the energy or the money. */
export type Purchase =
  | { readonly by: 'energy'; readonly energyWh: number }
  | { readonly by: 'money'; readonly amountFen: number };

export interface SaleInput {
  readonly requestId: string;
  readonly purchase: Purchase;
  /** The card as the cashier's reader read it; required for IC-card accounts. */
  readonly card?: unknown;
}

/** What a purchase comes to: its energy and its price, explained in both languages. */
interface PricedPurchase {
  readonly energyWh: number;
  readonly amountFen: number;
  readonly price: PricedJson | null;
  readonly explanation: Readonly<Record<Locale, readonly string[]>>;
  readonly tierCycle: string | null;
}

function explained(priced: Priced, energyWh: number, tierCycle: string | null): PricedPurchase {
  return {
    energyWh,
    amountFen: priced.amountFen,
    price: pricedToJson(priced),
    explanation: { 'zh-CN': explainPriced(priced, 'zh-CN'), en: explainPriced(priced, 'en') },
    tierCycle,
  };
}

function pricePurchase(situation: Situation, purchase: Purchase): PricedPurchase {
  const { basis } = situation;
  const mode = situation.account.prepaidMode;
  if (mode === 'remote' || mode === 'local') {
    // Fee control keeps the balance in money (remote: here, priced as used; local: in the meter, priced by
    // its own tariff table), so both are topped up by money.
    if (purchase.by !== 'money') {
      throw new AppError('VALIDATION_FAILED', {
        issues: [{ field: 'by', problem: `a ${mode} fee-control account is topped up by money` }],
      });
    }
    const yuan = formatYuan(purchase.amountFen);
    return {
      energyWh: 0,
      amountFen: purchase.amountFen,
      price: null,
      explanation:
        mode === 'remote'
          ? {
              'zh-CN': [`远程充值 ${yuan} 元计入账户余额；用电按电价从余额中扣减`],
              en: [
                `Remote top-up: ${yuan} yuan credited to the balance; use is charged against it at the tariff`,
              ],
            }
          : {
              'zh-CN': [`本地费控充值 ${yuan} 元，由主站写入电表；电表按其电价扣减`],
              en: [
                `Local fee-control top-up: ${yuan} yuan written to the meter, which charges use at its prices`,
              ],
            },
      tierCycle: null,
    };
  }
  if (purchase.by === 'energy') {
    const priced = priceEnergy({
      tariff: basis.tariff,
      cycleUsedWh: basis.cycleUsedWh,
      usage: { kind: 'advance', energyWh: purchase.energyWh },
    });
    return explained(priced, purchase.energyWh, basis.tierCycle);
  }
  // Card meters take whole meter-side kWh.
  const stepWh = cardEnergyStepWh(situation.meter.multiplier);
  const sale = energyForMoney({
    tariff: basis.tariff,
    cycleUsedWh: basis.cycleUsedWh,
    moneyFen: purchase.amountFen,
    stepWh,
  });
  if (sale === undefined) {
    throw refusalError({ code: 'money_buys_nothing', details: { amountFen: purchase.amountFen, stepWh } });
  }
  return explained(sale.priced, sale.energyWh, basis.tierCycle);
}

export interface Quote {
  readonly accountId: number;
  readonly by: Purchase['by'];
  readonly energyWh: number;
  readonly amountFen: number;
  /** Money offered less the price: change to give back (buying by money only). */
  readonly changeFen: number;
  /** Null for a remote top-up, which buys money on the balance, not energy. */
  readonly price: PricedJson | null;
  readonly explanation: readonly string[];
  readonly tariffKind: string;
  readonly tierCycle: string | null;
  /** For card accounts: what the card would carry, before the card in hand is checked. */
  readonly card: CardSaleEnergy | null;
}

/** A quote: the sale priced and explained, nothing written. The card in hand is checked at the sale. */
export async function quoteSale(
  context: ServiceContext,
  accountId: number,
  purchase: Purchase,
): Promise<Quote> {
  await accountInScope(context, accountId);
  const situation = await loadSituation(context.store, accountId, context);
  const priced = pricePurchase(situation, purchase);
  let card: CardSaleEnergy | null = null;
  if (situation.account.prepaidMode === 'card') {
    const energy = cardSaleEnergy({ account: situation.card, purchasedWh: priced.energyWh });
    if (!energy.ok) throw refusalError(energy.refusal);
    card = {
      writeKwh: energy.writeKwh,
      adjustmentAppliedWh: energy.adjustmentAppliedWh,
      presetDeductedKwh: energy.presetDeductedKwh,
    };
  }
  const cardLines =
    card === null
      ? []
      : explainCardEnergy(
          { ...card, purchasedWh: priced.energyWh, multiplier: situation.meter.multiplier },
          context.locale,
        );
  return {
    accountId,
    by: purchase.by,
    energyWh: priced.energyWh,
    amountFen: priced.amountFen,
    changeFen: purchase.by === 'money' ? purchase.amountFen - priced.amountFen : 0,
    price: priced.price,
    explanation: [...priced.explanation[context.locale], ...cardLines],
    tariffKind: situation.basis.tariff.kind,
    tierCycle: priced.tierCycle,
    card,
  };
}

export function saleFingerprint(purchase: Purchase): string {
  return canonicalJson({ kind: 'sale', ...purchase });
}

/** What follows a sale needs of the process: the collector (a local top-up), remote fee control (a relay). */
export type SaleServices = Pick<AppServices, 'store' | 'clock' | 'field' | 'remote'>;

/**
 * A sale (001 §3.3.1) and what follows it. A local fee-control account's sale goes to its meter as a top-up
 * (the same sale again finds the same command); a remote account's top-up that lifts a tripped balance
 * closes its relay (sent once per sale, confirmed by reading back).
 */
export async function sell(
  context: ServiceContext,
  services: SaleServices,
  accountId: number,
  input: SaleInput,
) {
  await checkLocalTopUp(context, services, accountId, input);
  const sale = await recordSale(context, services, accountId, input);
  if (sale.local) return { ...sale, delivery: await sendLocalTopUp(services, sale, actorOf(context)) };
  return withRelay(services.remote, sale);
}

/**
 * A local fee-control sale is checked against what the meter will take before any money is taken (its
 * hoarding limit less its balance, read from it now). A request already recorded is its first answer again,
 * whatever the meter holds now.
 */
async function checkLocalTopUp(
  context: ServiceContext,
  services: SaleServices,
  accountId: number,
  input: SaleInput,
): Promise<void> {
  if (input.purchase.by !== 'money') return;
  const account = await accountInScope(context, accountId);
  if (account.prepaidMode !== 'local' || account.state !== 'open') return;
  if ((await context.store.ledger.byRequest(accountId, input.requestId)) !== undefined) return;
  await checkMeterTakes(services, account.meterId, input.purchase.amountFen);
}

/**
 * The sale itself: priced by the tariff in force, checked by every card rule, written to the ledger with a
 * new invoice number and to the audit log in one transaction. The same request id returns the first sale,
 * however often and however concurrently it is repeated.
 */
async function recordSale(
  context: ServiceContext,
  services: Pick<AppServices, 'field'>,
  accountId: number,
  input: SaleInput,
) {
  const account = await accountInScope(context, accountId);
  const fingerprint = saleFingerprint(input.purchase);
  let written: SaleDetails | undefined;
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      if (situation.account.state !== 'open') throw new AppError('ACCOUNT_CLOSED');
      if (situation.account.prepaidMode === 'local')
        await requireLastDelivered(tx, situation.balance.lastSaleId, situation.meter.id);
      const priced = pricePurchase(situation, input.purchase);
      let plan: CardSalePlan | undefined;
      if (situation.account.prepaidMode === 'card') {
        const ruled = planCardSale({
          account: situation.card,
          card: requireCard(input.card),
          purchasedWh: priced.energyWh,
        });
        if (!ruled.ok) throw refusalError(ruled.refusal);
        plan = ruled;
      }
      const details: SaleDetails = {
        by: input.purchase.by,
        offeredFen: input.purchase.by === 'money' ? input.purchase.amountFen : null,
        tariffKind: situation.basis.tariff.kind,
        price: priced.price,
        explanation: priced.explanation,
        presetDeductedKwh: plan?.presetDeductedKwh ?? 0,
        card: plan?.card ?? null,
      };
      written = details;
      // The invoice counter and the audit head are locked by every sale in the site: taken last, together.
      const entry = {
        accountId,
        meterId: situation.meter.id,
        kind: 'sale' as const,
        amountFen: priced.amountFen,
        energyWh: priced.energyWh,
        adjustmentWh: -(plan?.adjustmentAppliedWh ?? 0),
        // A local meter takes each top-up only as its count + 1: the count is fixed here, once.
        purchaseCount:
          plan?.purchaseCount ??
          (situation.account.prepaidMode === 'local' ? situation.balance.purchaseCount + 1 : null),
        writeKwh: plan?.writeKwh ?? null,
        refersToId: null,
        tierCycle: priced.tierCycle,
        priceTypeVersionId: situation.basis.priceTypeVersionId,
        tariffVersionId: situation.basis.tariffVersionId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        details,
        ...operator(context),
      };
      const made = await tx.ledger.appendInvoicedAudited(entry, (made) =>
        movementAudit(context, { ...entry, ...made }),
      );
      // A local sale's top-up is on record with it, under the account's lock (see `recordTopUp`).
      if (situation.account.prepaidMode === 'local')
        await recordTopUp(tx, services, made, actorOf(context), context.now);
      // So is the relay close a remote account's top-up calls for (see `recordRelay`).
      await recordRelay(tx, services, situation, made, context.now);
      return made;
    },
  );
  const result = replayOrRefuse(recorded, fingerprint, input.requestId, written);
  if (account.prepaidMode !== 'remote')
    return { ...result, remote: null, local: account.prepaidMode === 'local' };
  // A top-up that lifts the balance back above the trip threshold calls for closing the relay.
  const situation = await loadSituation(context.store, accountId, context);
  const moved = recorded.replayed ? 0 : recorded.entry.amountFen;
  return { ...result, remote: await remoteStatus(context.store, situation, moved), local: false };
}
