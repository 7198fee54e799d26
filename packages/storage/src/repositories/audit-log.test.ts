import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { testNow } from '../../test/fixtures.ts';

describeEachEngine('audit log', (context) => {
  const entry = (n: number) => ({
    at: testNow + n,
    actorUserId: null,
    actorName: 'cli',
    sourceIp: '127.0.0.1',
    action: 'meter.update',
    entity: 'meter',
    entityId: String(n),
    details: { changed: { state: ['in_stock', 'installed'] }, n },
  });

  it('chains entries and verifies the whole chain', async () => {
    const first = await context.store.audit.append(entry(1));
    const second = await context.store.transaction((tx) => tx.audit.append(entry(2)));
    expect(second.prevHash).toBe(first.hash);
    expect(await context.store.audit.verify()).toEqual({ ok: true, entries: 2, keyedFrom: null });
  });

  it('hashes in the database exactly as the chain check does, whatever the text', async () => {
    await context.store.audit.append({
      ...entry(7),
      actorName: '收费员 "王"\n',
      details: { note: '电费 ✓ \u0000' },
    });
    expect(await context.store.audit.verify()).toMatchObject({ ok: true });
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => context.store.audit.append(entry(100 + i))));
    const verdict = await context.store.audit.verify();
    expect(verdict.ok).toBe(true);
  });

  it('refuses updates and deletes in the database itself', async () => {
    await expect(sql`update audit_log set actor_name = 'mallory'`.execute(context.store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(context.store.db)).rejects.toThrow(/append-only/);
  });

  it('names the first entry that was changed behind its back', async () => {
    const victim = await context.store.audit.append(entry(500));
    await context.store.audit.append(entry(501));
    if (context.engine === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(context.store.db);
      await sql`update audit_log set actor_name = 'mallory' where id = ${victim.id}`.execute(
        context.store.db,
      );
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(context.store.db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(context.store.db);
      await sql`update audit_log set actor_name = 'mallory' where id = ${victim.id}`.execute(
        context.store.db,
      );
    }
    expect(await context.store.audit.verify()).toMatchObject({
      ok: false,
      brokenEntryId: victim.id,
      reason: 'content does not match its hash',
    });
  });
});
