import type { AreaScope } from '@openami/domain';
import type { Insertable, Selectable } from 'kysely';
import type { VendingApprovalsTable } from '../database.ts';
import { areaInScope } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type ApprovalRow = Selectable<VendingApprovalsTable>;
/** A request as the approvers' list shows it: with the account it is about, as people know it. */
export interface ListedApprovalRow extends ApprovalRow {
  readonly accountNo: string | null;
  readonly customerName: string | null;
  readonly customerUnit: string | null;
}
export type NewApproval = Omit<
  Insertable<VendingApprovalsTable>,
  'id' | 'state' | 'decidedBy' | 'decidedByName' | 'decidedAt' | 'decisionReason' | 'result'
>;

/** Ids and money come back from PostgreSQL's bigint columns as numbers here, like everywhere else. */
function numeric(row: ApprovalRow): ApprovalRow {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...row,
    id: Number(row.id),
    accountId: n(row.accountId),
    areaId: n(row.areaId),
    amountFen: n(row.amountFen),
    energyWh: n(row.energyWh),
    requestedBy: Number(row.requestedBy),
    requestedAt: Number(row.requestedAt),
    decidedBy: n(row.decidedBy),
    decidedAt: n(row.decidedAt),
  };
}

/**
 * Approvals of money movements above the site's amount. A request is recorded once per (requester,
 * request id); deciding is a compare-and-set on the state, so one approver's claim wins however many click.
 */
export class ApprovalRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  /** Records the request as pending; the same requester's same request id returns the first one. */
  async request(approval: NewApproval): Promise<{ approval: ApprovalRow; created: boolean }> {
    // ON CONFLICT DO NOTHING, not a caught violation: PostgreSQL aborts a transaction on a failed insert.
    const row = await this.#x.db
      .insertInto('vendingApprovals')
      .values({ ...approval, state: 'pending' })
      .onConflict((oc) => oc.columns(['requestedBy', 'requestId']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return { approval: numeric(row), created: true };
    const first = await this.#x.db
      .selectFrom('vendingApprovals')
      .selectAll()
      .where('requestedBy', '=', approval.requestedBy)
      .where('requestId', '=', approval.requestId)
      .executeTakeFirstOrThrow();
    return { approval: numeric(first), created: false };
  }

  async get(id: number): Promise<ApprovalRow | undefined> {
    const row = await this.#x.db
      .selectFrom('vendingApprovals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : numeric(row);
  }

  /**
   * Requests in `states`, newest first, of accounts in scope; those of no area (preset cards) only for a
   * scope of every area.
   */
  async list(scope: AreaScope, states: readonly string[], limit: number): Promise<ListedApprovalRow[]> {
    let query = this.#x.db
      .selectFrom('vendingApprovals')
      .leftJoin('accounts', 'accounts.id', 'vendingApprovals.accountId')
      .leftJoin('customers', 'customers.id', 'accounts.customerId')
      .selectAll('vendingApprovals')
      .select(['accounts.accountNo', 'customers.name as customerName', 'customers.unit as customerUnit'])
      .where('vendingApprovals.state', 'in', [...states])
      .orderBy('vendingApprovals.id', 'desc')
      .limit(limit);
    const inScope = areaInScope('vendingApprovals.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    return (await query.execute()).map((row) => ({ ...row, ...numeric(row) }));
  }

  /** pending → approving by this approver; false when it was no longer pending. */
  async claim(id: number, by: { userId: number; name: string }, reason: string | null, now: number) {
    const result = await this.#x.db
      .updateTable('vendingApprovals')
      .set({
        state: 'approving',
        decidedBy: by.userId,
        decidedByName: by.name,
        decidedAt: now,
        decisionReason: reason,
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** approving → approved, with what the operation answered; false when it was approved already. */
  async approved(id: number, result: unknown): Promise<boolean> {
    const done = await this.#x.db
      .updateTable('vendingApprovals')
      .set({ state: 'approved', result: JSON.stringify(result) })
      .where('id', '=', id)
      .where('state', '=', 'approving')
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  /** approving → pending again: the operation refused (the balance moved meanwhile); someone decides anew. */
  async release(id: number): Promise<void> {
    await this.#x.db
      .updateTable('vendingApprovals')
      .set({ state: 'pending', decidedBy: null, decidedByName: null, decidedAt: null, decisionReason: null })
      .where('id', '=', id)
      .where('state', '=', 'approving')
      .execute();
  }

  /** pending → refused; false when it was no longer pending. */
  async refuse(id: number, by: { userId: number; name: string }, reason: string, now: number) {
    const result = await this.#x.db
      .updateTable('vendingApprovals')
      .set({
        state: 'refused',
        decidedBy: by.userId,
        decidedByName: by.name,
        decidedAt: now,
        decisionReason: reason,
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
