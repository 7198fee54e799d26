import type { AreaScope } from '@openami/domain';
import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import { inChunks } from '../chunks.ts';
import type { AccountsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope, startsWith } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Omit<
  Insertable<AccountsTable>,
  'id' | 'createdAt' | 'updatedAt' | 'state' | 'closedAt'
>;
export type AccountPatch = Partial<
  Pick<
    AccountsTable,
    | 'priceTypeId'
    | 'prepaidMode'
    | 'alarmEnergyWh'
    | 'creditLimitWh'
    | 'hoardingLimitWh'
    | 'capacityLimitMode'
    | 'phones'
  >
>;
export type AccountSort = 'id' | 'accountNo' | 'openedAt' | 'updatedAt';
/** What the cashier sees when looking an account up: the account with its meter and customer. */
export interface AccountMatch {
  readonly id: number;
  readonly accountNo: string;
  readonly state: string;
  readonly prepaidMode: string;
  readonly meterId: number;
  readonly factoryNo: string;
  readonly customerId: number;
  readonly customerCode: string;
  readonly customerName: string;
  /** The customer's room or unit (门牌), e.g. `3-502`. */
  readonly unit: string;
  readonly address: string;
  /** The account's phone numbers, as stored: a JSON array. */
  readonly phones: string;
}
/** Who holds a meter's open account, as the monitoring schematic and the meter list label the meter. */
export interface MeterHolder {
  readonly meterId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerId: number;
  readonly customerName: string;
  /** The customer's room (门牌), e.g. `1-2-301`. */
  readonly unit: string;
  readonly address: string;
}
/** An account as the customer list shows it beside its customer: number, meter and phones. */
export interface CustomerAccount {
  readonly customerId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly state: string;
  readonly meterId: number;
  /** The meter's factory number (表号). */
  readonly factoryNo: string;
  /** The account's phone numbers, as stored: a JSON array. */
  readonly phones: string;
}
export interface AccountFilter {
  readonly accountNo?: string;
  readonly customerId?: number;
  readonly meterId?: number;
  readonly state?: string;
}

/** Ids per `in (…)` list: well under both engines' bound-parameter limits. */

/** Accounts tie a customer to a meter; their area is the meter's area. */
export class AccountRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  open(account: NewAccount, now: number): Promise<AccountRow> {
    return this.#x.db
      .insertInto('accounts')
      .values({ ...account, state: 'open', closedAt: null, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  get(id: number): Promise<AccountRow | undefined> {
    return this.#x.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByAccountNo(accountNo: string): Promise<AccountRow | undefined> {
    return this.#x.db
      .selectFrom('accounts')
      .selectAll()
      .where('accountNo', '=', accountNo)
      .executeTakeFirst();
  }

  openForMeter(meterId: number): Promise<AccountRow | undefined> {
    return this.#x.db
      .selectFrom('accounts')
      .selectAll()
      .where('meterId', '=', meterId)
      .where('state', '=', 'open')
      .executeTakeFirst();
  }

  update(id: number, patch: AccountPatch, now: number): Promise<AccountRow | undefined> {
    return this.#x.db
      .updateTable('accounts')
      .set({ ...patch, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Moves an open account to another meter (换表, 001 FAQ 8): the customer, the card and the ledger stay.
   * The partial unique index still allows one open account per meter.
   */
  replaceMeter(id: number, meterId: number, now: number): Promise<AccountRow | undefined> {
    return this.#x.db
      .updateTable('accounts')
      .set({ meterId, updatedAt: now })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .returningAll()
      .executeTakeFirst();
  }

  close(id: number, now: number): Promise<AccountRow | undefined> {
    return this.#x.db
      .updateTable('accounts')
      .set({ state: 'closed', closedAt: now, updatedAt: now })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .returningAll()
      .executeTakeFirst();
  }

  /** The customer holding the open account of each meter named; meters without one are absent. */
  async holdersOf(meterIds: readonly number[]): Promise<MeterHolder[]> {
    const rows = await inChunks(meterIds, (ids) =>
      this.#x.db
        .selectFrom('accounts')
        .innerJoin('customers', 'customers.id', 'accounts.customerId')
        .select([
          'accounts.meterId',
          'accounts.id as accountId',
          'accounts.accountNo',
          'accounts.customerId',
          'customers.name as customerName',
          'customers.unit',
          'customers.address',
        ])
        .where('accounts.meterId', 'in', ids)
        .where('accounts.state', '=', 'open')
        .orderBy('accounts.meterId')
        .execute(),
    );
    return rows.map((row) => ({
      meterId: Number(row.meterId),
      accountId: Number(row.accountId),
      accountNo: row.accountNo,
      customerId: Number(row.customerId),
      customerName: row.customerName,
      unit: row.unit,
      address: row.address,
    }));
  }

  /**
   * The accounts of each customer named whose meters lie in `scope`, open first, each with its meter's
   * factory number and phones.
   */
  async ofCustomers(scope: AreaScope, customerIds: readonly number[]): Promise<CustomerAccount[]> {
    const inScope = areaInScope('meters.areaId', scope);
    const rows = await inChunks(customerIds, (ids) =>
      this.#x.db
        .selectFrom('accounts')
        .innerJoin('meters', 'meters.id', 'accounts.meterId')
        .select([
          'accounts.customerId',
          'accounts.id as accountId',
          'accounts.accountNo',
          'accounts.state',
          'accounts.meterId',
          'meters.factoryNo',
          'accounts.phones',
        ])
        .where('accounts.customerId', 'in', ids)
        .$if(inScope !== undefined, (q) => q.where(inScope as NonNullable<typeof inScope>))
        .orderBy('accounts.customerId')
        .orderBy('accounts.state', 'desc')
        .orderBy('accounts.accountNo')
        .execute(),
    );
    return rows.map((row) => ({
      ...row,
      customerId: Number(row.customerId),
      accountId: Number(row.accountId),
      meterId: Number(row.meterId),
    }));
  }

  async list(
    scope: AreaScope,
    filter: AccountFilter,
    page: PageRequest<AccountSort>,
  ): Promise<Page<AccountRow>> {
    let query = this.#x.db.selectFrom('accounts');
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) {
      query = query.where(
        'accounts.meterId',
        'in',
        this.#x.db.selectFrom('meters').select('meters.id').where(inScope),
      );
    }
    if (filter.accountNo !== undefined)
      query = query.where(startsWith(this.#x.engine, 'accounts.accountNo', filter.accountNo));
    if (filter.customerId !== undefined) query = query.where('customerId', '=', filter.customerId);
    if (filter.meterId !== undefined) query = query.where('meterId', '=', filter.meterId);
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    return pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    );
  }

  /**
   * The cashier's look-up (001 §3.3.1: read the card, or pick the account): accounts in scope whose number,
   * meter factory number, customer code, customer name or room (unit) starts with `text`, or one of whose
   * phone numbers starts or ends with its digits (`phoneMatches`); open accounts first.
   */
  async find(scope: AreaScope, text: string, limit: number): Promise<AccountMatch[]> {
    const engine = this.#x.engine;
    let query = this.#x.db
      .selectFrom('accounts')
      .innerJoin('meters', 'meters.id', 'accounts.meterId')
      .innerJoin('customers', 'customers.id', 'accounts.customerId')
      .where((eb) =>
        eb.or([
          startsWith(engine, 'accounts.accountNo', text),
          startsWith(engine, 'meters.factoryNo', text),
          startsWith(engine, 'customers.code', text),
          startsWith(engine, 'customers.name', text),
          startsWith(engine, 'customers.unit', text),
          ...phoneMatches(text),
        ]),
      );
    const inScope = areaInScope('meters.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    return query
      .select([
        'accounts.id',
        'accounts.accountNo',
        'accounts.state',
        'accounts.prepaidMode',
        'accounts.meterId',
        'meters.factoryNo',
        'accounts.customerId',
        'customers.code as customerCode',
        'customers.name as customerName',
        'customers.unit',
        'customers.address',
        'accounts.phones',
      ])
      .orderBy('accounts.state', 'desc')
      .orderBy('accounts.accountNo')
      .limit(limit)
      .execute();
  }
}

/** Fewer digits than this match too many numbers by their end to be worth a look. */
const phoneTailDigits = 4;

/**
 * A typed phone number, with its spaces, dashes and +86 left out, matched against the account's numbers
 * (a JSON array of `+?digits`): a number that starts with the digits (with or without +86), or ends with
 * four or more of them (尾号, the way a customer often gives it). Digits only, so nothing needs escaping.
 */
function phoneMatches(text: string): RawBuilder<boolean>[] {
  const digits = text.replace(/[\s-]/g, '').replace(/^\+86/, '').replace(/^\+/, '');
  if (!/^\d{3,20}$/.test(digits)) return [];
  const column = sql.ref('accounts.phones');
  const matches = [
    sql<boolean>`${column} like ${`%"${digits}%`}`,
    sql<boolean>`${column} like ${`%"+${digits}%`}`,
    sql<boolean>`${column} like ${`%"+86${digits}%`}`,
  ];
  if (digits.length >= phoneTailDigits) matches.push(sql<boolean>`${column} like ${`%${digits}"%`}`);
  return matches;
}
