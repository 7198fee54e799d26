import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

/** What `grantRuntimeRole` granted: the schema, and the append-only tables the role may only read and add to. */
export interface RuntimeGrants {
  readonly schema: string;
  readonly appendOnly: readonly string[];
}

/**
 * PostgreSQL: grants `role` what `serve` and the other commands need in the schema the owner's connection
 * `db` works in, and nothing more. Only a table's owner may drop, disable or replace its triggers, so a role
 * that owns nothing cannot lift the append-only triggers; on top of them, it is refused UPDATE and DELETE
 * on the append-only tables (those with a `…_no_update` trigger: the audit log, the vending ledger, …),
 * TRUNCATE everywhere, and writes to the migration bookkeeping. Run it after every `openami migrate` (new
 * tables get no grants by themselves). `role` must exist, must not be the owner and should not be a
 * superuser (a superuser is refused nothing).
 */
export async function grantRuntimeRole(db: Kysely<Database>, role: string): Promise<RuntimeGrants> {
  const facts = await sql<{ schema: string; owner: string; superuser: boolean | null; exists: boolean }>`
    select current_schema() as schema, current_user as owner,
      (select rolsuper from pg_roles where rolname = ${role}) as superuser,
      exists (select 1 from pg_roles where rolname = ${role}) as exists`.execute(db);
  const fact = facts.rows[0];
  if (fact === undefined || !fact.exists) throw new Error(`there is no role ${role}: create it first`);
  if (fact.owner === role) throw new Error(`${role} is the owner: the runtime needs a role of its own`);
  if (fact.superuser === true) throw new Error(`${role} is a superuser, whom no grant can restrain`);
  const schema = sql.id(fact.schema);
  const to = sql.id(role);
  const tables = await sql<{ name: string; appendOnly: boolean }>`
    select c.relname as name,
      exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname like '%\\_no\\_update') as "appendOnly"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${fact.schema} and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  await db.transaction().execute(async (tx) => {
    await sql`revoke all on all tables in schema ${schema} from ${to}`.execute(tx);
    await sql`revoke all on all sequences in schema ${schema} from ${to}`.execute(tx);
    await sql`grant usage on schema ${schema} to ${to}`.execute(tx);
    for (const table of tables.rows) {
      const name = sql.id(fact.schema, table.name);
      const bookkeeping = table.name.startsWith('kysely_migration');
      if (bookkeeping || table.appendOnly) {
        await sql`grant select${bookkeeping ? sql`` : sql`, insert`} on ${name} to ${to}`.execute(tx);
      } else {
        await sql`grant select, insert, update, delete on ${name} to ${to}`.execute(tx);
      }
    }
    await sql`grant usage, select on all sequences in schema ${schema} to ${to}`.execute(tx);
  });
  return {
    schema: fact.schema,
    appendOnly: tables.rows.filter((t) => t.appendOnly).map((t) => t.name),
  };
}
