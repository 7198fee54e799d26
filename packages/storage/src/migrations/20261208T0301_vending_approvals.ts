import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

/**
 * A second person's approval of a money movement above the site's amount (issue 15 gap 7): the request as
 * it was made, pending until someone else decides; once per (requester, request id). `area_id` is the
 * account's meter's area (null for what belongs to no area: a preset card), for the approver's scope.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('vending_approvals'))
    .addColumn('kind', 'text', notNull)
    .addColumn('account_id', big, (c) => c.references('accounts.id').onDelete('restrict'))
    .addColumn('area_id', big, (c) => c.references('areas.id').onDelete('restrict'))
    .addColumn('amount_fen', big)
    .addColumn('energy_wh', big)
    .addColumn('request', 'text', notNull)
    .addColumn('request_id', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('requested_by', big, notNull)
    .addColumn('requested_by_name', 'text', notNull)
    .addColumn('requested_at', big, notNull)
    .addColumn('decided_by', big)
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', big)
    .addColumn('decision_reason', 'text')
    .addColumn('result', 'text')
    .addUniqueConstraint('vending_approvals_request', ['requested_by', 'request_id'])
    .execute();
  await db.schema.createIndex('vending_approvals_state').on('vending_approvals').column('state').execute();
}
