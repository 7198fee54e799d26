import type {
  AccountFilter,
  AccountPatch,
  AccountRow,
  AccountSort,
  MeterRow,
  Page,
  PageRequest,
} from '@openami/storage';
import { constraintViolation } from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { accountInScope, customerInScope, meterInScope } from '../policies/scope.ts';
import { changes, recordAudit } from './audit.ts';

export interface AccountSettings {
  readonly priceTypeId: number;
  readonly prepaidMode: 'card' | 'remote' | 'local';
  readonly alarmEnergyWh: number;
  readonly creditLimitWh: number;
  /** 0: no hoarding limit. */
  readonly hoardingLimitWh: number;
  /** 0 none; 1 trip after 30 s above the contracted capacity (001); 2 networked: 5 s trip, 3 min restore (002). */
  readonly capacityLimitMode: number;
  readonly phones: readonly string[];
}
export interface OpenAccountInput extends AccountSettings {
  readonly accountNo: string;
  readonly customerId: number;
  readonly meterId: number;
}

export function presentAccount(row: AccountRow) {
  return { ...row, phones: JSON.parse(row.phones) as string[] };
}
export type AccountView = ReturnType<typeof presentAccount>;

export async function listAccounts(
  context: ServiceContext,
  filter: AccountFilter,
  page: PageRequest<AccountSort>,
): Promise<Page<AccountView>> {
  const result = await context.store.accounts.list(context.principal.scope, filter, page);
  return { ...result, items: result.items.map(presentAccount) };
}

/** Opens an account on a meter from stock (001 §3 "open account + assign meter"); the meter becomes installed. */
export async function openAccount(context: ServiceContext, input: OpenAccountInput): Promise<AccountView> {
  const meter = await meterInScope(context, input.meterId);
  await customerInScope(context, input.customerId);
  if (meter.state !== 'in_stock' && meter.state !== 'installed') {
    throw new AppError('METER_STATE', { from: meter.state, to: 'installed' });
  }
  if ((await context.store.priceTypes.get(input.priceTypeId)) === undefined) {
    throw new AppError('BAD_REFERENCE', { entity: 'price type', id: input.priceTypeId });
  }
  try {
    return await context.store.transaction(async (tx) => {
      if ((await tx.accounts.openForMeter(input.meterId)) !== undefined)
        throw new AppError('METER_HAS_ACCOUNT');
      const { phones, ...fields } = input;
      const account = await tx.accounts.open(
        { ...fields, phones: JSON.stringify(phones), openedAt: context.now },
        context.now,
      );
      if (meter.state === 'in_stock') await tx.meters.update(meter.id, { state: 'installed' }, context.now);
      await recordAudit(tx, context, 'account.open', 'account', account.id, input);
      return presentAccount(account);
    });
  } catch (error) {
    // Two cashiers opening the same meter at once: the partial unique index decides, the loser hears why.
    if (constraintViolation(error) === 'unique') throw new AppError('METER_HAS_ACCOUNT');
    throw error;
  }
}

export async function updateAccount(
  context: ServiceContext,
  id: number,
  patch: Partial<AccountSettings>,
): Promise<AccountView> {
  const before = await accountInScope(context, id);
  if (
    patch.priceTypeId !== undefined &&
    (await context.store.priceTypes.get(patch.priceTypeId)) === undefined
  ) {
    throw new AppError('BAD_REFERENCE', { entity: 'price type', id: patch.priceTypeId });
  }
  const { phones, ...fields } = patch;
  const rowPatch: AccountPatch = {
    ...fields,
    ...(phones === undefined ? {} : { phones: JSON.stringify(phones) }),
  };
  return context.store.transaction(async (tx) => {
    const after = await tx.accounts.update(id, rowPatch, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'account', id });
    await recordAudit(tx, context, 'account.update', 'account', id, changes(before, rowPatch));
    return presentAccount(after);
  });
}

export async function closeAccount(context: ServiceContext, id: number): Promise<AccountView> {
  await accountInScope(context, id);
  return context.store.transaction(async (tx) => {
    const closed = await tx.accounts.close(id, context.now);
    if (closed === undefined) throw new AppError('NOT_FOUND', { entity: 'open account', id });
    await recordAudit(tx, context, 'account.close', 'account', id);
    return presentAccount(closed);
  });
}

export interface BatchAccount {
  readonly accountNo: string;
  readonly customerId: number;
  readonly meterId: number;
}

/**
 * Batch opening (001 §3.2.2: "如批量开户配表可在'本批设定不变'前打上钩"): many accounts opened with one set of
 * settings, in one transaction, every account or none.
 */
export async function openAccountsBatch(
  context: ServiceContext,
  settings: AccountSettings,
  accounts: readonly BatchAccount[],
): Promise<{ readonly count: number; readonly accountIds: readonly number[] }> {
  const numbers = new Set<string>();
  const meters = new Set<number>();
  for (const account of accounts) {
    if (numbers.has(account.accountNo)) {
      throw new AppError('ALREADY_EXISTS', { entity: 'account', accountNo: account.accountNo });
    }
    if (meters.has(account.meterId)) throw new AppError('METER_HAS_ACCOUNT', { meterId: account.meterId });
    numbers.add(account.accountNo);
    meters.add(account.meterId);
  }
  if ((await context.store.priceTypes.get(settings.priceTypeId)) === undefined) {
    throw new AppError('BAD_REFERENCE', { entity: 'price type', id: settings.priceTypeId });
  }
  const meterRows: MeterRow[] = [];
  for (const account of accounts) {
    const meter = await meterInScope(context, account.meterId);
    await customerInScope(context, account.customerId);
    if (meter.state !== 'in_stock' && meter.state !== 'installed') {
      throw new AppError('METER_STATE', { from: meter.state, to: 'installed' });
    }
    meterRows.push(meter);
  }
  const { phones, ...fields } = settings;
  try {
    return await context.store.transaction(async (tx) => {
      const accountIds: number[] = [];
      for (const [i, account] of accounts.entries()) {
        if ((await tx.accounts.openForMeter(account.meterId)) !== undefined) {
          throw new AppError('METER_HAS_ACCOUNT', { meterId: account.meterId });
        }
        const opened = await tx.accounts.open(
          { ...fields, ...account, phones: JSON.stringify(phones), openedAt: context.now },
          context.now,
        );
        if (meterRows[i]?.state === 'in_stock') {
          await tx.meters.update(account.meterId, { state: 'installed' }, context.now);
        }
        accountIds.push(opened.id);
      }
      await recordAudit(tx, context, 'account.openBatch', 'account', '*', { settings, accounts, accountIds });
      return { count: accountIds.length, accountIds };
    });
  } catch (error) {
    if (constraintViolation(error) === 'unique') throw new AppError('ALREADY_EXISTS', { entity: 'account' });
    throw error;
  }
}
