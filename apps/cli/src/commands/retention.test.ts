import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@openami/config';
import { openStore } from '@openami/storage';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run as migrate } from './migrate.ts';
import { run as retention } from './retention.ts';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

describe('openami retention run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-retention-'));
  const database = join(dir, 'openami.sqlite');
  afterAll(() => rmSync(dir, { recursive: true }));

  it('counts with --dry-run, then removes and audits', async () => {
    expect(await migrate(['--database', database], capture())).toBe(0);
    const store = openStore({ url: database });
    const now = Date.now();
    const alarm = (clearedAt: number) => ({
      kind: 'offline',
      severity: 'major',
      objectType: 'meter',
      objectId: String(clearedAt),
      areaId: null,
      state: 'cleared',
      raisedAt: clearedAt,
      lastSeenAt: clearedAt,
      occurrences: 1,
      evidence: '{}',
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgedByName: null,
      ackComment: null,
      clearedAt,
      clearReason: null,
    });
    const day = 86_400_000;
    await store.db
      .insertInto('alarms')
      .values([alarm(now - 1200 * day), alarm(now - 1100 * day), alarm(now - 30 * day)])
      .execute();
    await store.close();

    const dry = capture();
    expect(await retention(['run', '--dry-run', '--database', database], dry)).toBe(0);
    expect(dry.lines).toContainEqual(expect.stringMatching(/^would remove 2 cleared alarms older than /));
    const done = capture();
    expect(await retention(['run', '--database', database], done)).toBe(0);
    expect(done.lines).toContainEqual(expect.stringMatching(/^removed 2 cleared alarms older than /));

    const after = openStore({ url: database });
    try {
      expect(await after.db.selectFrom('alarms').select('id').execute()).toHaveLength(1);
      const audit = await after.db
        .selectFrom('auditLog')
        .select(['action', 'actorName', 'details'])
        .where('action', '=', 'system.retention')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actorName).toBe('console');
      expect(JSON.parse(String(audit[0]?.details)).removed).toContainEqual({
        kind: 'cleared_alarms',
        rows: 2,
        olderThan: expect.any(String),
      });
    } finally {
      await after.close();
    }
  });

  it('refuses to keep cleared alarms less than a year, in words', () => {
    expect(() => loadConfig({ OPENAMI_RETENTION_ALARMS_MONTHS: '6' }, 'serve')).toThrow(
      /OPENAMI_RETENTION_ALARMS_MONTHS.*must be at least 12 months \(cleared alarms are kept a year at least\)/,
    );
    expect(loadConfig({ OPENAMI_RETENTION_ALARMS_MONTHS: '0' }, 'serve').retention.clearedAlarmsMs).toBe(
      undefined,
    );
    expect(loadConfig({ OPENAMI_RETENTION_ALARMS_MONTHS: '12' }, 'serve').retention.clearedAlarmsMs).toBe(
      12 * 30 * 86_400_000,
    );
  });
});
