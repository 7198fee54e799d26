import {
  type AccountBalance,
  type CardSaleAccount,
  type CardStandard,
  cardStandards,
  localTimeOf,
  summaryDrift,
  type Tariff,
  tariffInForce,
  tierCycleKey,
  tierCycleOf,
  validateTariff,
} from '@openami/domain';
import type { AccountRow, CustomerRow, MeterRow, Repositories, VendingProfileRow } from '@openami/storage';
import { AppError } from '../../errors.ts';

/** The tariff that prices a sale now, and where the sale's energy falls in its tier cycle. */
export interface PricingBasis {
  readonly tariff: Tariff;
  readonly priceTypeVersionId: number;
  /** Null when the price type has no tariff versions and its flat unit price applies. */
  readonly tariffVersionId: number | null;
  readonly tierCycle: string | null;
  readonly cycleUsedWh: number;
}

/** Everything a vending decision needs about one account, read in one place. */
export interface Situation {
  readonly account: AccountRow;
  readonly meter: MeterRow;
  readonly customer: CustomerRow;
  readonly standard: CardStandard;
  /** The account's balance, summed from its ledger entries in this read (never taken from the summary row). */
  readonly balance: AccountBalance;
  /**
   * Where the stored summary row (`account_balances`) differs from the entries: empty when it holds. A
   * difference means the row was changed outside the ledger; money going out is refused until an
   * administrator has looked and rebuilt it (`openami ledger`).
   */
  readonly drift: readonly string[];
  readonly basis: PricingBasis;
  /** The account as the card rules see it. */
  readonly card: CardSaleAccount;
}

const noProfile = { cardSerial: 1, presetKwh: 0, replacedMeterId: null };

/**
 * Reads an account's vending situation. Inside a sale this runs on the transaction's repositories after the
 * account's vending lock, so nothing it read can change before the sale commits.
 */
export async function loadSituation(
  repos: Repositories,
  accountId: number,
  at: { readonly now: number; readonly timeZone: string },
  profile?: Pick<VendingProfileRow, 'cardSerial' | 'presetKwh' | 'replacedMeterId'>,
): Promise<Situation> {
  const account = await repos.accounts.get(accountId);
  if (account === undefined) throw new AppError('NOT_FOUND', { entity: 'account', id: accountId });
  const [meter, customer, summary, storedProfile] = await Promise.all([
    repos.meters.get(account.meterId),
    repos.customers.get(account.customerId),
    repos.ledger.balances.get(account.id),
    profile === undefined ? repos.ledger.profile(account.id) : Promise.resolve(profile),
  ]);
  if (meter === undefined || customer === undefined) {
    throw new AppError('NOT_FOUND', { entity: meter === undefined ? 'meter' : 'customer' });
  }
  const meterType = await repos.meterTypes.getVersion(meter.meterTypeVersionId);
  const standard = cardStandards.find((s) => s === meterType?.cardStandard) ?? 'none';
  const vending = storedProfile ?? noProfile;
  const replaced =
    vending.replacedMeterId === null ? undefined : await repos.meters.get(vending.replacedMeterId);
  const priced = await pricing(repos, account, at);
  // The balance every decision and view uses is the ledger's own, summed afresh; the summary row is only
  // compared with it, so a row changed outside the ledger cannot move money.
  const fold = await repos.ledger.balances.fold(account.id, meter.id, priced.tierCycle);
  const drift = summaryDrift(summary, fold);
  const balance = fold.balance;
  const basis: PricingBasis = { ...priced, cycleUsedWh: fold.cycleEnergyWh };
  return {
    account,
    meter,
    customer,
    standard,
    balance,
    drift,
    basis,
    card: {
      accountNo: account.accountNo,
      meterNo: meter.factoryNo,
      replacedMeterNo: balance.purchaseCount === 0 ? (replaced?.factoryNo ?? null) : null,
      purchaseCount: balance.purchaseCount,
      cardSerial: vending.cardSerial,
      standard,
      multiplier: meter.multiplier,
      presetKwh: vending.presetKwh,
      pendingAdjustmentWh: balance.pendingAdjustmentWh,
      // The account's limits are what the meter holds: meter-side, whole kWh on the card.
      alarmKwh: Math.floor(account.alarmEnergyWh / 1000),
      creditLimitKwh: Math.floor(account.creditLimitWh / 1000),
      hoardingLimitKwh: Math.floor(account.hoardingLimitWh / 1000),
      capacityLimitMode: account.capacityLimitMode,
    },
  };
}

/**
 * Stored tariff definitions, parsed and checked once each rather than on every sale: the text is the key,
 * so a definition that changed is checked anew.
 */
const checkedDefinitions = new Map<string, ReturnType<typeof validateTariff>>();
function checkedTariff(definition: string): ReturnType<typeof validateTariff> {
  let checked = checkedDefinitions.get(definition);
  if (checked === undefined) {
    if (checkedDefinitions.size >= 256) checkedDefinitions.clear();
    checked = validateTariff(JSON.parse(definition));
    checkedDefinitions.set(definition, checked);
  }
  return checked;
}

async function pricing(
  repos: Repositories,
  account: AccountRow,
  at: { readonly now: number; readonly timeZone: string },
): Promise<Omit<PricingBasis, 'cycleUsedWh'>> {
  const priceTypeVersion = await repos.priceTypes.currentVersion(account.priceTypeId);
  if (priceTypeVersion === undefined) throw new AppError('NO_TARIFF', { priceTypeId: account.priceTypeId });
  const versions = await repos.tariffs.versions(account.priceTypeId);
  const inForce = tariffInForce(versions, at.now);
  let tariff: Tariff;
  let tariffVersionId: number | null = null;
  if (inForce === undefined) {
    // Until its first tariff version takes effect, a price type sells at its one unit price (milli-fen →
    // 10⁻⁴ fen).
    tariff = { kind: 'flat', priceE4FenPerKwh: priceTypeVersion.unitPriceMilliFenPerKwh * 10 };
  } else {
    const checked = checkedTariff(inForce.definition);
    // Versions are validated when added; a stored one that no longer passes is not guessed at.
    if (!checked.ok) throw new AppError('NO_TARIFF', { priceTypeId: account.priceTypeId });
    tariff = checked.tariff;
    tariffVersionId = inForce.id;
  }
  const cycle = tierCycleOf(tariff);
  const tierCycle = cycle === undefined ? null : tierCycleKey(cycle, localTimeOf(at.now, at.timeZone).date);
  return {
    tariff,
    priceTypeVersionId: priceTypeVersion.id,
    tariffVersionId,
    tierCycle,
  };
}
