import type { AreaScope } from '@openami/domain';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import { eachChunk, inChunks } from '../chunks.ts';
import type { CollectionRunMetersTable, CollectionRunsTable, MeterCommandsTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaInScope } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type CollectionRunRow = Omit<Selectable<CollectionRunsTable>, 'detailParams'> & {
  readonly detailParams: ReasonParams | null;
};
/** A run's detail as a code and its parameters, beside the text. */
export interface CodedDetail {
  readonly code: string;
  readonly params: ReasonParams;
}
export type NewCollectionRun = Pick<
  Insertable<CollectionRunsTable>,
  'planId' | 'kind' | 'trigger' | 'requestedBy' | 'areaId' | 'startedAt'
> & {
  /** The meters the run is to try; while it runs, `metersTotal` says this (at the end: those it tried). */
  readonly metersPlanned?: number;
};
/** A failure's parameters, by its reason code (the head-end's `Reason`); JSON in the store. */
export type ReasonParams = Readonly<Record<string, unknown>>;
/** The parsed form of a row's `reason_params`. */
type WithParams<Row> = Omit<Row, 'reasonParams'> & { readonly reasonParams: ReasonParams | null };

export type RunMeterRow = WithParams<Selectable<CollectionRunMetersTable>>;
/** A meter's outcome to record; without a reason code, its text is all that says why. */
export type NewRunMeter = Omit<RunMeterRow, 'reasonCode' | 'reasonParams'> &
  Partial<Pick<RunMeterRow, 'reasonCode' | 'reasonParams'>>;
export type RunSort = 'id' | 'startedAt';
export interface RunFilter {
  readonly planId?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}
export interface RunTotals {
  readonly metersTotal: number;
  readonly metersComplete: number;
  readonly metersPartial: number;
  readonly metersFailed: number;
}
/** Success rate of one terminal port in a run: complete and partial meters count as read. */
export interface PortRate {
  readonly terminalId: number | null;
  readonly portNo: number | null;
  readonly meters: number;
  readonly read: number;
  readonly failed: number;
}

export type MeterCommandRow = WithParams<Selectable<MeterCommandsTable>>;
/** How a command ended: the English text (for logs) and the reason code with its parameters (for people). */
export interface CommandFinish {
  readonly state: 'confirmed' | 'failed';
  readonly reason: string | null;
  readonly reasonCode?: string | null;
  readonly reasonParams?: ReasonParams | null;
  readonly attempts: number;
}
export type NewMeterCommand = Pick<
  Insertable<MeterCommandsTable>,
  'meterId' | 'kind' | 'params' | 'requestId' | 'requestedBy' | 'requestedAt'
>;

function paramsText(params: ReasonParams | null): string | null {
  return params === null ? null : JSON.stringify(params);
}

function withParams<Row extends { reasonParams: string | null }>(row: Row): WithParams<Row> {
  let params: ReasonParams | null = null;
  try {
    params = row.reasonParams === null ? null : (JSON.parse(row.reasonParams) as ReasonParams);
  } catch {
    // Unreadable parameters: the row's text still says why.
  }
  return { ...row, reasonParams: params };
}

function runRow(row: Selectable<CollectionRunsTable>): CollectionRunRow {
  const { reasonParams, ...rest } = withParams({ ...row, reasonParams: row.detailParams });
  return { ...rest, detailParams: reasonParams };
}

function maybeWithParams<Row extends { reasonParams: string | null }>(
  row: Row | undefined,
): WithParams<Row> | undefined {
  return row === undefined ? undefined : withParams(row);
}

/**
 * Collection runs and what happened to each meter in them. A run is written when it starts (so a crash
 * leaves it `running`, and the next start marks it `interrupted`), its meters as they finish, its totals
 * at the end.
 */
export class CollectionRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  /**
   * What the collector's field is made of, as one string that changes whenever the field may have: terminals,
   * their ports, meters (a meter installed, moved or taken out changes its row), meter types and areas. A
   * running collector compares it every few seconds and reloads its field when it differs.
   */
  async fieldVersion(): Promise<string> {
    const db = this.#x.db;
    const stamp = async (table: 'terminals' | 'meters' | 'meterTypes' | 'areas') => {
      const row = await db
        .selectFrom(table)
        .select([
          sql<number>`count(*)`.as('n'),
          sql<number | null>`max(updated_at)`.as('at'),
          sql<number | null>`sum(id)`.as('ids'),
        ])
        .executeTakeFirst();
      return `${Number(row?.n ?? 0)}/${Number(row?.at ?? 0)}/${Number(row?.ids ?? 0)}`;
    };
    // Ports have no time of change: the whole (small) table is the stamp.
    const ports = await db
      .selectFrom('terminalPorts')
      .select(['id', 'terminalId', 'portNo', 'baud', 'parity', 'protocol'])
      .orderBy('id')
      .execute();
    const portStamp = ports
      .map((p) => `${p.id}:${p.terminalId}:${p.portNo}:${p.baud}:${p.parity}:${p.protocol}`)
      .join(',');
    return [
      await stamp('terminals'),
      await stamp('meters'),
      await stamp('meterTypes'),
      await stamp('areas'),
      portStamp,
    ].join('|');
  }

  async startRun(run: NewCollectionRun): Promise<CollectionRunRow> {
    const { metersPlanned, ...values } = run;
    const row = await this.#x.db
      .insertInto('collectionRuns')
      .values({
        ...values,
        status: 'running',
        metersTotal: metersPlanned ?? 0,
        metersComplete: 0,
        metersPartial: 0,
        metersFailed: 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return runRow(row);
  }

  /** Idempotent: an outcome recorded twice (a retried batch) stays one row, the later one. */
  async recordMeters(rows: readonly NewRunMeter[]): Promise<void> {
    await eachChunk(rows, (chunk) =>
      this.#x.db
        .insertInto('collectionRunMeters')
        .values(
          chunk.map((row) => ({
            ...row,
            reasonCode: row.reasonCode ?? null,
            reasonParams: paramsText(row.reasonParams ?? null),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['runId', 'meterId']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            reason: eb.ref('excluded.reason'),
            reasonCode: eb.ref('excluded.reasonCode'),
            reasonParams: eb.ref('excluded.reasonParams'),
            attempts: eb.ref('excluded.attempts'),
            durationMs: eb.ref('excluded.durationMs'),
            clockOffsetMs: eb.ref('excluded.clockOffsetMs'),
          })),
        )
        .execute(),
    );
  }

  /**
   * A running run's counts so far, from the meters it has recorded, so that lists and other processes see
   * it progress; its total stays the meters it is to try (or what it recorded, if more).
   */
  async recordProgress(id: number): Promise<void> {
    const totals = await this.totals(id);
    const run = await this.getRun(id);
    if (run === undefined || run.status !== 'running') return;
    await this.#x.db
      .updateTable('collectionRuns')
      .set({
        metersTotal: Math.max(run.metersTotal, totals.metersTotal),
        metersComplete: totals.metersComplete,
        metersPartial: totals.metersPartial,
        metersFailed: totals.metersFailed,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /** Closes a run with totals counted from its recorded meters; `coded` is the detail as a code. */
  async finishRun(
    id: number,
    finishedAt: number,
    status: 'finished' | 'failed' | 'skipped',
    detail: string | null,
    coded: CodedDetail | null = null,
  ): Promise<CollectionRunRow | undefined> {
    const totals = await this.totals(id);
    const row = await this.#x.db
      .updateTable('collectionRuns')
      .set({
        ...totals,
        finishedAt,
        status,
        detail,
        detailCode: coded?.code ?? null,
        detailParams: paramsText(coded?.params ?? null),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : runRow(row);
  }

  /** Runs left `running` by a process that stopped: marks them `interrupted` with what they had recorded. */
  async interruptRunning(now: number): Promise<number> {
    const running = await this.#x.db
      .selectFrom('collectionRuns')
      .select('id')
      .where('status', '=', 'running')
      .execute();
    for (const { id } of running) {
      const totals = await this.totals(id);
      await this.#x.db
        .updateTable('collectionRuns')
        .set({
          ...totals,
          status: 'interrupted',
          finishedAt: now,
          detail: 'the collector stopped before the run ended',
          // A reason code of the head-end's (apps/headend/src/reasons.ts), worded by the web.
          detailCode: 'run-interrupted',
          detailParams: '{}',
        })
        .where('id', '=', id)
        .execute();
    }
    return running.length;
  }

  async totals(runId: number): Promise<RunTotals> {
    const rows = await this.#x.db
      .selectFrom('collectionRunMeters')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('runId', '=', runId)
      .groupBy('status')
      .execute();
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    const complete = count('complete');
    const partial = count('partial');
    const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    return {
      metersTotal: total,
      metersComplete: complete,
      metersPartial: partial,
      metersFailed: total - complete - partial,
    };
  }

  async getRun(id: number): Promise<CollectionRunRow | undefined> {
    const row = await this.#x.db
      .selectFrom('collectionRuns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : runRow(row);
  }

  /**
   * A user limited to some areas sees a run that was asked for in one of them, that they asked for, or that
   * tried a meter of theirs; `undefined` for a user of every area.
   */
  #runInScope(scope: AreaScope, userId: number | undefined) {
    const meterInScope = areaInScope('m.areaId', scope);
    const areaOfRun = areaInScope('collectionRuns.areaId', scope);
    if (meterInScope === undefined || areaOfRun === undefined) return undefined;
    const tried = sql<boolean>`exists (select 1 from collection_run_meters r join meters m on m.id = r.meter_id where r.run_id = collection_runs.id and ${meterInScope})`;
    const mine =
      userId === undefined ? sql<boolean>`1 = 0` : sql<boolean>`collection_runs.requested_by = ${userId}`;
    return sql<boolean>`(${areaOfRun} or ${mine} or ${tried})`;
  }

  /** The run is one `scope` (and the user `userId`) may see: see `listRuns`. */
  async runVisible(runId: number, scope: AreaScope, userId?: number): Promise<boolean> {
    const inScope = this.#runInScope(scope, userId);
    let query = this.#x.db.selectFrom('collectionRuns').select('id').where('id', '=', runId);
    if (inScope !== undefined) query = query.where(inScope);
    return (await query.executeTakeFirst()) !== undefined;
  }

  /** The run's totals over its meters inside `scope` only. */
  async totalsInScope(runId: number, scope: AreaScope): Promise<RunTotals> {
    let query = this.#x.db
      .selectFrom('collectionRunMeters as r')
      .innerJoin('meters as m', 'm.id', 'r.meterId')
      .select(['r.status', sql<number>`count(*)`.as('n')])
      .where('r.runId', '=', runId);
    const inScope = areaInScope('m.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    const rows = await query.groupBy('r.status').execute();
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    return {
      metersTotal: total,
      metersComplete: count('complete'),
      metersPartial: count('partial'),
      metersFailed: total - count('complete') - count('partial'),
    };
  }

  /**
   * The installed meters on a port inside `scope` (and beneath `areaId` when given): what a run over them may
   * reach, the total a viewer limited to `scope` is shown while the run goes on.
   */
  async reachableInScope(areaId: number | null, scope: AreaScope): Promise<number> {
    let query = this.#x.db
      .selectFrom('meters as m')
      .select(sql<number>`count(*)`.as('n'))
      .where('m.state', '=', 'installed')
      .where('m.terminalPortId', 'is not', null);
    const inScope = areaInScope('m.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (areaId !== null) {
      query = query.where(
        sql<boolean>`m.area_id in (select d.id from areas d, areas a where a.id = ${areaId} and d.path like a.path || '%')`,
      );
    }
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A run's meters by terminal: how many were read (complete or partial) and how many failed. */
  async terminalOutcomes(
    runId: number,
  ): Promise<{ terminalId: number | null; read: number; failed: number }[]> {
    const rows = await this.#x.db
      .selectFrom('collectionRunMeters')
      .select([
        'terminalId',
        sql<number>`sum(case when status in ('complete', 'partial') then 1 else 0 end)`.as('read'),
        sql<number>`count(*)`.as('n'),
      ])
      .where('runId', '=', runId)
      .groupBy('terminalId')
      .execute();
    return rows.map((r) => ({
      terminalId: r.terminalId === null ? null : Number(r.terminalId),
      read: Number(r.read),
      failed: Number(r.n) - Number(r.read),
    }));
  }

  /** Runs (with `scope`, only those it may see: see `#runInScope`), by the filter. */
  async listRuns(
    filter: RunFilter,
    page: PageRequest<RunSort>,
    scope?: AreaScope,
    userId?: number,
  ): Promise<Page<CollectionRunRow>> {
    let query = this.#x.db.selectFrom('collectionRuns');
    const inScope = scope === undefined ? undefined : this.#runInScope(scope, userId);
    if (inScope !== undefined) query = query.where(inScope);
    if (filter.planId !== undefined) query = query.where('planId', '=', filter.planId);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.fromMs !== undefined) query = query.where('startedAt', '>=', filter.fromMs);
    if (filter.toMs !== undefined) query = query.where('startedAt', '<', filter.toMs);
    return pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id', page.direction)
        .limit(page.limit)
        .offset(page.offset)
        .execute()
        .then((rows) => rows.map(runRow)),
    );
  }

  /**
   * The run's meters inside `scope`, unreachable ones first; with `failedOnly`, only those not read in full
   * (unreachable, and partial reads with what they missed).
   */
  async runMeters(
    runId: number,
    scope: AreaScope,
    options: { failedOnly?: boolean; limit: number; offset: number },
  ): Promise<Page<RunMeterRow & { factoryNo: string; commAddress: string }>> {
    let query = this.#x.db
      .selectFrom('collectionRunMeters as r')
      .innerJoin('meters as m', 'm.id', 'r.meterId')
      .where('r.runId', '=', runId);
    const inScope = areaInScope('m.areaId', scope);
    if (inScope !== undefined) query = query.where(inScope);
    if (options.failedOnly === true) query = query.where('r.status', '<>', 'complete');
    return pageOf(query, options, (q) =>
      q
        .selectAll('r')
        .select(['m.factoryNo', 'm.commAddress'])
        .orderBy('r.status', 'desc')
        .orderBy('r.meterId')
        .limit(options.limit)
        .offset(options.offset)
        .execute()
        .then((rows) => rows.map(withParams)),
    );
  }

  /** Per terminal port: how many meters the run tried and how many it read. */
  async portRates(runId: number, scope?: AreaScope): Promise<PortRate[]> {
    let query = this.#x.db
      .selectFrom('collectionRunMeters')
      .select([
        'terminalId',
        'portNo',
        sql<number>`count(*)`.as('meters'),
        sql<number>`sum(case when status = 'unreachable' then 0 else 1 end)`.as('read'),
      ])
      .where('runId', '=', runId);
    // With a scope: only the meters in it (a meter's area through the meters table).
    const inScope = scope === undefined ? undefined : areaInScope('meters.areaId', scope);
    if (inScope !== undefined)
      query = query.where(
        sql<boolean>`collection_run_meters.meter_id in (select id from meters where ${inScope})`,
      );
    const rows = await query
      .groupBy(['terminalId', 'portNo'])
      .orderBy('terminalId')
      .orderBy('portNo')
      .execute();
    return rows.map((r) => ({
      terminalId: r.terminalId === null ? null : Number(r.terminalId),
      portNo: r.portNo,
      meters: Number(r.meters),
      read: Number(r.read),
      failed: Number(r.meters) - Number(r.read),
    }));
  }

  /** One meter's latest outcomes, newest first. */
  async meterHistory(
    meterId: number,
    limit: number,
  ): Promise<(RunMeterRow & { startedAt: number; planId: string })[]> {
    const rows = await this.#x.db
      .selectFrom('collectionRunMeters as r')
      .innerJoin('collectionRuns as c', 'c.id', 'r.runId')
      .selectAll('r')
      .select(['c.startedAt', 'c.planId'])
      .where('r.meterId', '=', meterId)
      .orderBy('r.runId', 'desc')
      .limit(limit)
      .execute();
    return rows.map(withParams);
  }

  /**
   * The meters whose last `runs` outcomes in read runs were all unreachable, with the latest reason: the
   * head-end retries them at the next run rather than hammering them; operators look at this list.
   */
  async unreachableMeters(runs: number): Promise<{ meterId: number; reason: string | null }[]> {
    const latest = await this.#x.db
      .selectFrom('collectionRuns')
      .select('id')
      .where('kind', '=', 'read')
      .where('status', 'in', ['finished', 'interrupted'])
      .orderBy('id', 'desc')
      .limit(runs)
      .execute();
    if (latest.length < runs) return [];
    const ids = latest.map((r) => r.id);
    const rows = await this.#x.db
      .selectFrom('collectionRunMeters')
      .select(['meterId', sql<number>`count(*)`.as('failures'), sql<string | null>`max(reason)`.as('reason')])
      .where('runId', 'in', ids)
      .where('status', '=', 'unreachable')
      .groupBy('meterId')
      .having(sql<number>`count(*)`, '=', runs)
      .orderBy('meterId')
      .execute();
    return rows.map((r) => ({ meterId: Number(r.meterId), reason: r.reason }));
  }

  /**
   * When each meter named last answered the collector: the start of the latest run in which it was read in
   * full or in part. Meters that never answered are absent.
   */
  async lastAnsweredAt(meterIds: readonly number[]): Promise<Map<number, number>> {
    const rows = await inChunks(meterIds, (ids) =>
      this.#x.db
        .selectFrom('collectionRunMeters as m')
        .innerJoin('collectionRuns as r', 'r.id', 'm.runId')
        .select(['m.meterId', (eb) => eb.fn.max('r.startedAt').as('at')])
        .where('m.meterId', 'in', ids)
        .where('m.status', '<>', 'unreachable')
        .groupBy('m.meterId')
        .execute(),
    );
    return new Map(rows.map((row) => [Number(row.meterId), Number(row.at)]));
  }

  // Commands -------------------------------------------------------------------------------------------

  /**
   * Persists a command before anything is sent. A request id seen before returns the first command
   * (`created: false`), whatever its state, so a repeated click or a retried HTTP request never sends twice.
   */
  async requestCommand(command: NewMeterCommand): Promise<{ command: MeterCommandRow; created: boolean }> {
    const inserted = await this.#x.db
      .insertInto('meterCommands')
      .values({ ...command, state: 'pending', attempts: 0 })
      .onConflict((oc) => oc.column('requestId').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) return { command: withParams(inserted), created: true };
    const existing = await this.commandByRequestId(command.requestId);
    if (existing === undefined) throw new Error(`command ${command.requestId} vanished`);
    return { command: existing, created: false };
  }

  async commandByRequestId(requestId: string): Promise<MeterCommandRow | undefined> {
    return maybeWithParams(
      await this.#x.db
        .selectFrom('meterCommands')
        .selectAll()
        .where('requestId', '=', requestId)
        .executeTakeFirst(),
    );
  }

  /** The command of a request and those of its resends (`<requestId>` and `<requestId>-…`), oldest first. */
  async commandsOfRequest(requestId: string): Promise<MeterCommandRow[]> {
    const rows = await this.#x.db
      .selectFrom('meterCommands')
      .selectAll()
      .where((eb) => eb.or([eb('requestId', '=', requestId), eb('requestId', 'like', `${requestId}-%`)]))
      .orderBy('id')
      .execute();
    return rows.map(withParams);
  }

  async getCommand(id: number): Promise<MeterCommandRow | undefined> {
    return maybeWithParams(
      await this.#x.db.selectFrom('meterCommands').selectAll().where('id', '=', id).executeTakeFirst(),
    );
  }

  /** Moves a pending command to `sending`; false when another process took it first. */
  async claimCommand(id: number, now: number): Promise<boolean> {
    const result = await this.#x.db
      .updateTable('meterCommands')
      .set({ state: 'sending', sentAt: now })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * A command a stopped process left `sending` goes back to `pending`, to be read back and sent again; only
   * when it was claimed at or before `claimedBefore`, so a live process's send is never taken from it. False
   * when it was not requeued (finished, claimed since, or claimed too recently).
   */
  async requeueCommand(id: number, claimedBefore: number): Promise<boolean> {
    const result = await this.#x.db
      .updateTable('meterCommands')
      .set({ state: 'pending' })
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .where('sentAt', '<=', claimedBefore)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finishCommand(id: number, outcome: CommandFinish, now: number): Promise<MeterCommandRow | undefined> {
    return maybeWithParams(
      await this.#x.db
        .updateTable('meterCommands')
        .set({
          ...outcome,
          reasonCode: outcome.reasonCode ?? null,
          reasonParams: paramsText(outcome.reasonParams ?? null),
          finishedAt: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
    );
  }

  /** Commands not finished: pending ones were never sent; `sending` ones may or may not have reached the meter. */
  async unfinishedCommands(): Promise<MeterCommandRow[]> {
    const rows = await this.#x.db
      .selectFrom('meterCommands')
      .selectAll()
      .where('state', 'in', ['pending', 'sending'])
      .orderBy('id')
      .execute();
    return rows.map(withParams);
  }

  /** Commands persisted but never sent (another process may have asked for them), oldest first. */
  async pendingCommands(): Promise<MeterCommandRow[]> {
    const rows = await this.#x.db
      .selectFrom('meterCommands')
      .selectAll()
      .where('state', '=', 'pending')
      .orderBy('id')
      .execute();
    return rows.map(withParams);
  }

  async commandsOfMeter(meterId: number, limit: number): Promise<MeterCommandRow[]> {
    const rows = await this.#x.db
      .selectFrom('meterCommands')
      .selectAll()
      .where('meterId', '=', meterId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(withParams);
  }
}
