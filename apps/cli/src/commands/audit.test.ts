import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditKey, migrateToLatest, openStore } from '@openami/storage';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as audit } from './audit.ts';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

const secret = 'the audit key of this test, 32+ characters';
const entry = (n: number) => ({
  at: n,
  actorUserId: null,
  actorName: 'cli',
  sourceIp: 'console',
  action: 'meter.update',
  entity: 'meter',
  entityId: String(n),
  details: { n },
});

describe('openami audit head, public-key, verify --heads (SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-audit-'));
  const database = join(dir, 'openami.sqlite');
  const heads = join(dir, 'heads');
  const saved = process.env.OPENAMI_AUDIT_KEY;
  beforeAll(async () => {
    mkdirSync(heads);
    process.env.OPENAMI_AUDIT_KEY = secret;
    const store = openStore({ url: database, auditKey: new AuditKey(secret) });
    await migrateToLatest(store.db);
    for (let n = 1; n <= 3; n += 1) await store.audit.append(entry(n));
    await store.close();
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.OPENAMI_AUDIT_KEY;
    else process.env.OPENAMI_AUDIT_KEY = saved;
    rmSync(dir, { recursive: true });
  });

  it('exports a signed head, and verifies the chain against it under the public key', async () => {
    const head = capture();
    expect(await audit(['head', '--out', join(heads, 'h1.json'), '--database', database], head)).toBe(0);
    expect(head.lines[0]).toMatch(/^audit head written to .*h1.json: entry 3, [0-9a-f]{64}$/);
    const publicKey = capture();
    expect(await audit(['public-key'], publicKey)).toBe(0);
    writeFileSync(join(dir, 'public.pem'), publicKey.lines.join('\n'));
    const io = capture();
    const args = [
      'verify',
      '--heads',
      heads,
      '--public-key',
      join(dir, 'public.pem'),
      '--database',
      database,
    ];
    expect(await audit(args, io)).toBe(0);
    expect(io.lines).toEqual([
      'audit log intact: 3 entries',
      'exported heads checked: 1',
      'every kept balance matches its ledger; every ledger entry has its audit record',
    ]);
  });

  it('says the chain was truncated behind an exported head', async () => {
    const store = openStore({ url: database });
    await sql`drop trigger audit_log_no_delete`.execute(store.db);
    await sql`delete from audit_log where id = 3`.execute(store.db);
    await sql`update audit_head set last_id = 2, last_hash = (select hash from audit_log where id = 2)`.execute(
      store.db,
    );
    await store.close();
    const io = capture();
    expect(await audit(['verify', '--heads', heads, '--database', database], io)).toBe(1);
    expect(io.lines).toContainEqual(
      expect.stringMatching(/^exported head h1\.json: entry 3, .* is no longer in the chain \(truncated\)$/),
    );
  });

  it('without the key, says the keyed part is not verified (and fails)', async () => {
    delete process.env.OPENAMI_AUDIT_KEY;
    const io = capture();
    expect(await audit(['verify', '--database', database], io)).toBe(1);
    expect(io.lines[0]).toMatch(
      /^audit log NOT VERIFIED from entry 1 on: those entries are keyed; set OPENAMI_AUDIT_KEY/,
    );
    process.env.OPENAMI_AUDIT_KEY = secret;
  });
});
