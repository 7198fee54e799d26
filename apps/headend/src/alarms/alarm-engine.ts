// The alarm engine: turns what the head-end sees (each meter's reading as it is stored, each run's port
// success rates, link states, clock checks, validation flags) into alarms with their evidence, following the
// domain's rules, and tells its listeners at once (the API pushes them over server-sent events). One open
// alarm per kind and object; conditions clear after staying absent for the damping time.
import {
  type AlarmKind,
  type AlarmRuleOverride,
  addDaysToDate,
  balanceObservations,
  clearsOnAcknowledge,
  counterObservations,
  DEFAULT_CLEAR_AFTER_MS,
  decide,
  judgeConsumptionSpike,
  judgeNoConsumption,
  type Observation,
  overloadObservation,
  useObservation,
} from '@openami/domain';
import type { StatusWord } from '@openami/protocol';
import type { AlarmRow, Repositories } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import { kWhToWh } from '../ingest/reading-rows.ts';
import { localDate } from '../plans/zoned-time.ts';
import { combineReasons } from '../reasons.ts';
import { type AlarmObjectType, AlarmRuleBook } from './alarm-engine-rules.ts';

export type AlarmEventKind = 'raised' | 'refreshed' | 'cleared' | 'acknowledged';

export interface AlarmEvent {
  readonly kind: AlarmEventKind;
  readonly alarm: AlarmRow;
}

export interface AlarmEngineOptions {
  readonly now?: () => number;
  /** A condition must stay absent this long before its alarm clears (default ten minutes). */
  readonly clearAfterMs?: number;
  /** The site's time zone, whose days the daily roll-ups are kept in (default Asia/Shanghai). */
  readonly timeZone?: string;
  /** How often the store is asked whether another process changed the rules (default a minute). */
  readonly rulesRefreshMs?: number;
  /** Rule overrides beneath the site's own, in code (tests; a deployment fixing a threshold). */
  readonly baseRules?: readonly AlarmRuleOverride[];
}

/** Event counters the status plan reads (DL/T 645-2007 A.5), by the alarm each increase raises. */
export const EVENT_COUNTERS: ReadonlyMap<number, AlarmKind> = new Map([
  [0x03110000, 'power-down'],
  [0x03300d00, 'cover-open'],
  [0x03300e00, 'terminal-cover-open'],
  [0x1d000001, 'relay-tripped'],
]);
const REMAINING_ENERGY = 0x00900100;
const FORWARD_ACTIVE_TOTAL = 0x00010000;
const STATUS_WORD_3 = 0x04000503;

type Listener = (event: AlarmEvent) => void;

export class AlarmEngine {
  private readonly store: Repositories;
  private readonly options: AlarmEngineOptions;
  private readonly listeners = new Set<Listener>();
  /** Per meter: its last event counters (the first reading after a start only sets the baseline). */
  private readonly counters = new Map<string, Partial<Record<AlarmKind, number>>>();
  /** Per meter: read runs in a row it was unreachable. */
  private readonly failedRuns = new Map<string, number>();
  /** Per meter: whether its relay was open at the last status word 3 read (unknown before the first). */
  private readonly relayOpen = new Map<string, boolean>();
  /** Per meter: the last closed day judged for abnormal use. */
  private readonly judgedThrough = new Map<string, string>();
  private readonly rules: AlarmRuleBook;

  constructor(store: Repositories, options: AlarmEngineOptions = {}) {
    this.store = store;
    this.options = options;
    this.rules = new AlarmRuleBook(store, {
      ...(options.rulesRefreshMs === undefined ? {} : { refreshMs: options.rulesRefreshMs }),
      ...(options.baseRules === undefined ? {} : { base: options.baseRules }),
    });
  }

  /** The site's alarm rules changed (through this process's API): apply them from the next decision on. */
  rulesChanged(): void {
    this.rules.changed();
  }

  private get timeZone(): string {
    return this.options.timeZone ?? 'Asia/Shanghai';
  }

  /** Follows every alarm change; returns the function that stops following. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A meter's read outcome, once its readings are stored: reachability, events, balance. */
  async meterRead(outcome: MeterOutcome): Promise<void> {
    const meterId = outcome.meterId;
    const observations: Observation[] = [];
    if (outcome.status === 'unreachable') {
      const runs = (this.failedRuns.get(meterId) ?? 0) + 1;
      this.failedRuns.set(meterId, runs);
      const rule = await this.rules.rule('meter-unreachable', 'meter', meterId);
      if (runs >= (rule.params.runs ?? 3)) {
        observations.push({
          kind: 'meter-unreachable',
          objectId: meterId,
          present: true,
          evidence: {
            runsInARow: runs,
            reasons: [...new Set(outcome.failures.map((f) => f.message))],
            // The same, as a reason code the web words in the reader's language.
            cause: combineReasons(outcome.failures.map((f) => f.why)),
          },
        });
      }
    } else {
      this.failedRuns.set(meterId, 0);
      observations.push({ kind: 'meter-unreachable', objectId: meterId, present: false });
      const current: Partial<Record<AlarmKind, number>> = {};
      for (const reading of outcome.readings) {
        const kind = EVENT_COUNTERS.get(reading.di);
        if (kind !== undefined && typeof reading.value === 'number') current[kind] = reading.value;
      }
      if (Object.keys(current).length > 0) {
        const previous = this.counters.get(meterId);
        if (previous !== undefined) observations.push(...counterObservations(meterId, previous, current));
        this.counters.set(meterId, { ...previous, ...current });
      }
      observations.push(...(await this.relayObservations(meterId, outcome)));
      if (outcome.readings.some((r) => r.di === FORWARD_ACTIVE_TOTAL))
        observations.push(...(await this.dayClosed(meterId, outcome.collectedAt ?? this.now())));
      const remaining = outcome.readings.find((r) => r.di === REMAINING_ENERGY)?.value;
      if (typeof remaining === 'number') {
        const account = await this.store.accounts.openForMeter(Number(meterId));
        if (account !== undefined && account.prepaidMode !== 'remote') {
          observations.push(
            ...balanceObservations(meterId, {
              remainingWh: kWhToWh(remaining),
              alarmEnergyWh: account.alarmEnergyWh,
              creditLimitWh: account.creditLimitWh,
            }),
          );
        }
      }
    }
    await this.apply('meter', observations);
  }

  /**
   * Status word 3's relay bits: remembered for the no-consumption rule, and an overload trip while the
   * meter keeps its relay open by itself.
   */
  private async relayObservations(meterId: string, outcome: MeterOutcome): Promise<Observation[]> {
    const word = outcome.readings.find((r) => r.di === STATUS_WORD_3)?.value;
    if (word === null || typeof word !== 'object' || !('flags' in word)) return [];
    const { flags, raw } = word as StatusWord;
    const status = {
      raw,
      relayOpen: flags.relayOpen === true,
      relayCommandOpen: flags.relayCommandOpen === true,
      preTripAlarm: flags.preTripAlarm === true,
    };
    this.relayOpen.set(meterId, status.relayOpen);
    const mayBeOverload = status.relayOpen && !status.relayCommandOpen && !status.preTripAlarm;
    const exhausted =
      mayBeOverload &&
      (await this.store.alarms.open({
        kind: 'balance-exhausted',
        objectType: 'meter',
        objectId: meterId,
      })) !== undefined;
    return [overloadObservation(meterId, status, exhausted)];
  }

  /**
   * Abnormal use, once a day has closed for the meter: a day is closed when a reading of a later day is in
   * its roll-ups (that reading also brought the closed day its share of the interval across midnight). Each
   * closed day is judged once per process.
   */
  private async dayClosed(meterId: string, at: number): Promise<Observation[]> {
    const yesterday = addDaysToDate(localDate(at, this.timeZone), -1);
    const judged = this.judgedThrough.get(meterId);
    if (judged !== undefined && judged >= yesterday) return [];
    const none = await this.rules.rule('no-consumption', 'meter', meterId);
    const spike = await this.rules.rule('consumption-spike', 'meter', meterId);
    const span = Math.max(none.params.days ?? 3, spike.params.historyDays ?? 30) + 1;
    const daily = await this.store.readings.daily(
      Number(meterId),
      addDaysToDate(yesterday, -span),
      addDaysToDate(yesterday, 2),
    );
    const latest = daily.at(-1);
    if (latest === undefined) return [];
    const closedDay = addDaysToDate(latest.day, -1);
    if (judged !== undefined && closedDay <= judged) return [];
    this.judgedThrough.set(meterId, closedDay);
    const days = daily.filter((d) => d.day <= closedDay);
    return [
      useObservation(
        'no-consumption',
        meterId,
        judgeNoConsumption(days, closedDay, none.params, this.relayOpen.get(meterId)),
      ),
      useObservation('consumption-spike', meterId, judgeConsumptionSpike(days, closedDay, spike.params)),
    ].filter((o) => o !== undefined);
  }

  /**
   * A remote account's balance in money (the station keeps it): low at or below the alarm level, exhausted
   * at zero less the credit.
   */
  remoteBalance(
    meterId: string,
    balance: { balanceFen: number; alarmFen: number; creditFen: number },
  ): Promise<void> {
    const observations = balanceObservations(meterId, {
      remainingWh: balance.balanceFen,
      alarmEnergyWh: balance.alarmFen,
      creditLimitWh: balance.creditFen,
    }).map((o) => ({ ...o, evidence: { ...balance } }));
    return this.apply('meter', observations);
  }

  /** A clock check's result for one meter: meter minus station clock, ms. */
  async clockChecked(meterId: string, offsetMs: number): Promise<void> {
    const rule = await this.rules.rule('clock-deviation', 'meter', meterId);
    const limitMs = (rule.params.seconds ?? 300) * 1000;
    return this.apply('meter', [
      {
        kind: 'clock-deviation',
        objectId: meterId,
        present: Math.abs(offsetMs) > limitMs,
        evidence: { offsetMs, limitMs },
      },
    ]);
  }

  /** An energy reading stored with validation flags (it is kept; somebody should look at it). */
  readingFlagged(
    meterId: string,
    readAt: number,
    activeImportWh: number,
    flags: readonly string[],
  ): Promise<void> {
    const observations: Observation[] = [];
    const evidence = { readAt, activeImportWh, flags };
    if (flags.includes('register-backwards'))
      observations.push({ kind: 'register-backwards', objectId: meterId, present: true, evidence });
    if (flags.includes('exceeds-capacity'))
      observations.push({ kind: 'energy-implausible', objectId: meterId, present: true, evidence });
    return this.apply('meter', observations);
  }

  /** A read run's success rate per terminal port (`terminal:port`). */
  async portRates(
    runId: number,
    rates: readonly { port: string; meters: number; read: number }[],
  ): Promise<void> {
    const observations: Observation[] = [];
    for (const r of rates) {
      if (r.meters === 0) continue;
      const rule = await this.rules.rule('port-success-low', 'port', r.port);
      const limit = rule.params.percent ?? 80;
      const percent = (100 * r.read) / r.meters;
      observations.push({
        kind: 'port-success-low',
        objectId: r.port,
        present: percent < limit,
        evidence: { runId, meters: r.meters, read: r.read, percent: Math.round(percent * 10) / 10, limit },
      });
    }
    return this.apply('port', observations);
  }

  /** Whether each terminal port's link is up (`terminal:port` → up). */
  linkStates(states: Readonly<Record<string, boolean>>): Promise<void> {
    return this.apply(
      'port',
      Object.entries(states).map(([port, up]) => ({
        kind: 'terminal-offline' as const,
        objectId: port,
        present: !up,
        evidence: { linkUp: up },
      })),
    );
  }

  /** Somebody looked at an alarm; event alarms clear with it. */
  async acknowledge(
    id: number,
    by: { userId: number | null; name: string },
    comment: string,
  ): Promise<AlarmRow | undefined> {
    const alarm = await this.store.alarms.get(id);
    if (alarm === undefined) return undefined;
    const done = await this.store.alarms.acknowledge(
      id,
      by,
      comment,
      this.now(),
      clearsOnAcknowledge(alarm.kind as AlarmKind),
    );
    if (done !== undefined) this.emit({ kind: 'acknowledged', alarm: done });
    return done;
  }

  private async apply(objectType: AlarmObjectType, observations: readonly Observation[]): Promise<void> {
    for (const observation of observations) {
      const key = { kind: observation.kind, objectType, objectId: observation.objectId };
      const rule = await this.rules.rule(observation.kind, objectType, observation.objectId);
      const open = await this.store.alarms.open(key);
      const now = this.now();
      if (!rule.enabled) {
        // Switched off for this object: nothing new is raised, and what is open ends with the rule.
        const cleared =
          open === undefined ? undefined : await this.store.alarms.clear(open.id, 'rule-disabled', now);
        if (cleared !== undefined) this.emit({ kind: 'cleared', alarm: cleared });
        continue;
      }
      const decision = decide(
        observation,
        open === undefined ? undefined : { lastSeenAt: open.lastSeenAt, state: open.state as 'raised' },
        now,
        this.options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS,
      );
      switch (decision.action) {
        case 'raise': {
          const raised = await this.store.alarms.raise(
            {
              ...key,
              severity: rule.severity,
              areaId: await this.rules.areaOf(objectType, observation.objectId),
              evidence: observation.evidence ?? {},
            },
            now,
          );
          this.emit({ kind: raised.created ? 'raised' : 'refreshed', alarm: raised.alarm });
          break;
        }
        case 'refresh':
          if (open !== undefined)
            this.emit({ kind: 'refreshed', alarm: await this.store.alarms.refresh(open.id, now) });
          break;
        case 'clear': {
          const cleared =
            open === undefined ? undefined : await this.store.alarms.clear(open.id, 'condition-ended', now);
          if (cleared !== undefined) this.emit({ kind: 'cleared', alarm: cleared });
          break;
        }
        case 'none':
          break;
      }
    }
  }

  private emit(event: AlarmEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
