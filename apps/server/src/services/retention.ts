import type { RetentionPeriods } from '@openami/config';
import type { AuditAction, AuditEntity } from '@openami/contract';
import { defaultRetentionBatch, type RetentionKind, type Store } from '@openami/storage';
import { repeat } from './repeat.ts';

/** What one kind lost in a run (or would lose, in a dry run): rows older than `olderThan`. */
export interface RetentionRemoval {
  readonly kind: RetentionKind;
  readonly olderThan: number;
  readonly rows: number;
}

/** Who runs it, for the audit entry: the schedule of serve, or the console. */
export interface RetentionActor {
  readonly name: 'retention' | 'console';
  readonly sourceIp: 'local' | 'console';
}

function cutoffs(periods: RetentionPeriods, now: number): [RetentionKind, number][] {
  const list: [RetentionKind, number | undefined][] = [
    ['reading_energy', periods.readingsMs],
    ['reading_instant', periods.readingsMs],
    ['cleared_alarms', periods.clearedAlarmsMs],
    ['notifications', periods.notificationsMs],
    ['resident_codes', periods.residentCodesMs],
  ];
  return list.flatMap(([kind, keepMs]) => (keepMs === undefined ? [] : [[kind, now - keepMs]]));
}

/**
 * Removes what is older than its retention, kind by kind and a batch at a time (each batch its own short
 * statement, so writers wait little), then audits the run (`system.retention`): each kind, its cutoff and
 * how many rows went. A dry run only counts and records nothing.
 */
export async function runRetention(
  store: Store,
  periods: RetentionPeriods,
  options: {
    readonly now: number;
    readonly actor: RetentionActor;
    readonly dryRun?: boolean;
    readonly batch?: number;
  },
): Promise<RetentionRemoval[]> {
  const removals: RetentionRemoval[] = [];
  for (const [kind, olderThan] of cutoffs(periods, options.now)) {
    const rows = options.dryRun
      ? await store.retention.count(kind, olderThan)
      : await store.retention.remove(kind, olderThan, options.batch ?? defaultRetentionBatch);
    removals.push({ kind, olderThan, rows });
  }
  if (!options.dryRun) {
    await store.audit.append({
      at: options.now,
      actorUserId: null,
      actorName: options.actor.name,
      sourceIp: options.actor.sourceIp,
      action: 'system.retention' satisfies AuditAction,
      entity: 'stored data' satisfies AuditEntity,
      entityId: '*',
      details: {
        removed: removals.map((r) => ({
          kind: r.kind,
          rows: r.rows,
          olderThan: new Date(r.olderThan).toISOString(),
        })),
      },
    });
  }
  return removals;
}

/** Runs `runRetention` every `everyMs`, the first time `firstAfterMs` after start. Returns its stop. */
export function scheduleRetention(
  store: Store,
  periods: RetentionPeriods,
  options: {
    readonly everyMs: number;
    readonly firstAfterMs?: number;
    readonly clock?: () => number;
    readonly info: (line: string) => void;
    readonly error: (error: unknown) => void;
  },
): () => void {
  const clock = options.clock ?? Date.now;
  return repeat(
    async () => {
      const removals = await runRetention(store, periods, {
        now: clock(),
        actor: { name: 'retention', sourceIp: 'local' },
      });
      const said = removals.filter((r) => r.rows > 0).map((r) => `${r.rows} ${r.kind}`);
      if (said.length > 0) options.info(`retention: removed ${said.join(', ')}`);
    },
    { everyMs: options.everyMs, firstAfterMs: options.firstAfterMs ?? 600_000, error: options.error },
  );
}
