// PostgreSQL roles (issue 15, gap 2): migrations run as the schema's owner, the runtime as a role that
// owns nothing, so it can neither lift the append-only triggers nor change or remove audit and ledger rows.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../test/engines.ts';
import { makeAccount, testNow } from '../test/fixtures.ts';
import { AuditKey } from './audit-chain.ts';
import { migrateToLatest } from './migrate.ts';
import { grantRuntimeRole } from './runtime-role.ts';
import { openStore, type Store } from './store.ts';

const key = new AuditKey('a test audit key, 32 bytes long!');

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function urlAs(role: string): string {
  const url = new URL(postgresUrl ?? '');
  url.username = role;
  url.password = '';
  return url.toString();
}

describe.skipIf(postgresUrl === undefined)('runtime role [postgres]', () => {
  const tag = randomBytes(5).toString('hex');
  const owner = `openami_owner_${tag}`;
  const runtime = `openami_app_${tag}`;
  const schema = `roles_${tag}`;
  let ownerStore: Store;
  let app: Store;

  beforeAll(async () => {
    await admin(`create role ${owner} login; create role ${runtime} login`);
    await admin(`create schema ${schema} authorization ${owner}`);
    ownerStore = openStore({ url: urlAs(owner), schema, poolSize: 2 });
    await migrateToLatest(ownerStore.db);
    const grants = await grantRuntimeRole(ownerStore.db, runtime);
    expect(grants.appendOnly).toEqual(expect.arrayContaining(['audit_log', 'vending_ledger']));
    app = openStore({ url: urlAs(runtime), schema, poolSize: 2, auditKey: key });
  });
  afterAll(async () => {
    await app?.close();
    await ownerStore?.close();
    await admin(`drop schema if exists ${schema} cascade`);
    await admin(`drop owned by ${runtime}; drop role if exists ${runtime}; drop role if exists ${owner}`);
  });

  it('works under the runtime role: archives, a sale with its audit record, the checks', async () => {
    const { account, meter } = await makeAccount(app);
    await app.transaction(async (tx) => {
      await tx.ledger.lockAccount(account.id, testNow);
      const { invoiceNo: _, ...sale } = {
        accountId: account.id,
        meterId: meter.id,
        kind: 'sale' as const,
        amountFen: 5000,
        energyWh: 0,
        adjustmentWh: 0,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: 'r1',
        requestFingerprint: 'r1',
        invoiceNo: null,
        operatorUserId: null,
        operatorName: 'cashier',
        details: {},
        createdAt: testNow,
      };
      await tx.ledger.appendInvoicedAudited(sale, (made) => ({
        at: testNow,
        actorUserId: null,
        actorName: 'cashier',
        sourceIp: '127.0.0.1',
        action: 'vending.sale',
        entity: 'account',
        entityId: String(account.id),
        details: { amountFen: 5000, entryId: made.id, invoiceNo: made.invoiceNo },
      }));
    });
    expect(await app.audit.verify()).toMatchObject({ ok: true, keyedFrom: 1 });
    expect(await app.ledgerAudit.mismatches()).toEqual([]);
    expect(await app.ledger.balances.check()).toEqual([]);
  });

  it('cannot drop or disable the append-only triggers, nor change, remove or empty audit and ledger rows', async () => {
    const refused = [
      sql`drop trigger audit_log_no_update on audit_log`,
      sql`alter table audit_log disable trigger all`,
      sql`drop trigger vending_ledger_no_update on vending_ledger`,
      sql`update audit_log set actor_name = 'mallory'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`update vending_ledger set amount_fen = 1`,
      sql`delete from vending_ledger`,
      sql`truncate vending_ledger`,
      sql`delete from kysely_migration`,
    ];
    for (const statement of refused) {
      await expect(statement.execute(app.db)).rejects.toThrow(/must be owner|permission denied/);
    }
    expect(await app.audit.verify()).toMatchObject({ ok: true, entries: 1 });
  });
});
