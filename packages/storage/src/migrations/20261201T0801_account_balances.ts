import { bigintType, type MigrationDb, notNull, sql } from './ddl.ts';

/**
 * A running summary of each account's vending ledger (issue 6): what a sale reads instead of folding every
 * entry the account ever had. It is derived, kept in the transaction of every ledger append, and can be
 * dropped and rebuilt from the entries, which stay append-only and the source of truth. The purchase count
 * is kept for one meter (`purchase_meter_id`) and the tier-cycle energy for one cycle (`tier_cycle`); a read
 * or an append for another meter or cycle counts that one from the entries (after a meter replacement or at
 * a new cycle, once). The backfill leaves both unset, so the first use counts them.
 */
export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await db.schema
    .createTable('account_balances')
    .addColumn('account_id', big, (c) => c.primaryKey().references('accounts.id').onDelete('restrict'))
    .addColumn('entries', big, notNull)
    .addColumn('last_entry_id', big, notNull)
    .addColumn('balance_fen', big, notNull)
    .addColumn('consumed_fen', big, notNull)
    .addColumn('net_energy_wh', big, notNull)
    .addColumn('consumed_wh', big, notNull)
    .addColumn('pending_adjustment_wh', big, notNull)
    .addColumn('last_sale_id', big)
    .addColumn('purchase_meter_id', big)
    .addColumn('purchase_count', big, notNull)
    .addColumn('tier_cycle', 'text')
    .addColumn('cycle_energy_wh', big, notNull)
    .execute();
  await sql`
    insert into account_balances (account_id, entries, last_entry_id, balance_fen, consumed_fen, net_energy_wh,
      consumed_wh, pending_adjustment_wh, last_sale_id, purchase_meter_id, purchase_count, tier_cycle,
      cycle_energy_wh)
    select l.account_id, count(*), max(l.id), sum(l.amount_fen),
      sum(case when l.kind = 'charge' then -l.amount_fen else 0 end), sum(l.energy_wh),
      sum(case when l.kind = 'charge' then -l.energy_wh else 0 end), sum(l.adjustment_wh),
      (select max(s.id) from vending_ledger s
        where s.account_id = l.account_id and s.kind = 'sale' and not exists (
          select 1 from vending_ledger c where c.kind = 'cancel' and c.refers_to_id = s.id)),
      null, 0, null, 0
    from vending_ledger l
    group by l.account_id`.execute(db);
}
