// The alarm engine: turns what the head-end sees (each meter's reading as it is stored, each run's port
// success rates, link states, clock checks, validation flags) into alarms with their evidence, following the
// domain's rules, and tells its listeners at once (the API pushes them over server-sent events). One open
// alarm per kind and object; conditions clear after staying absent for the damping time.
import {
  type AlarmKind,
  alarmRules,
  balanceObservations,
  clearsOnAcknowledge,
  counterObservations,
  DEFAULT_CLEAR_AFTER_MS,
  decide,
  type Observation,
} from '@openami/domain';
import type { AlarmRow, Repositories } from '@openami/storage';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import { kWhToWh } from '../ingest/reading-rows.ts';

export type AlarmEventKind = 'raised' | 'refreshed' | 'cleared' | 'acknowledged';

export interface AlarmEvent {
  readonly kind: AlarmEventKind;
  readonly alarm: AlarmRow;
}

export interface AlarmThresholds {
  readonly unreachableRuns: number;
  readonly portSuccessPercent: number;
  readonly clockDeviationMs: number;
  readonly clearAfterMs: number;
}

export interface AlarmEngineOptions {
  readonly now?: () => number;
  readonly thresholds?: AlarmThresholds;
}

const defaultThresholds: AlarmThresholds = {
  unreachableRuns: 3,
  portSuccessPercent: 80,
  clockDeviationMs: 300_000,
  clearAfterMs: DEFAULT_CLEAR_AFTER_MS,
};

/** Event counters the status plan reads (DL/T 645-2007 A.5), by the alarm each increase raises. */
export const EVENT_COUNTERS: ReadonlyMap<number, AlarmKind> = new Map([
  [0x03110000, 'power-down'],
  [0x03300d00, 'cover-open'],
  [0x03300e00, 'terminal-cover-open'],
  [0x1d000001, 'relay-tripped'],
]);
const REMAINING_ENERGY = 0x00900100;

type Listener = (event: AlarmEvent) => void;

export class AlarmEngine {
  private readonly store: Repositories;
  private readonly options: AlarmEngineOptions;
  private readonly listeners = new Set<Listener>();
  /** Per meter: its last event counters (the first reading after a start only sets the baseline). */
  private readonly counters = new Map<string, Partial<Record<AlarmKind, number>>>();
  /** Per meter: read runs in a row it was unreachable. */
  private readonly failedRuns = new Map<string, number>();
  private readonly areas = new Map<string, number | null>();

  constructor(store: Repositories, options: AlarmEngineOptions = {}) {
    this.store = store;
    this.options = options;
  }

  get thresholds(): AlarmThresholds {
    return this.options.thresholds ?? defaultThresholds;
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
      if (runs >= this.thresholds.unreachableRuns) {
        observations.push({
          kind: 'meter-unreachable',
          objectId: meterId,
          present: true,
          evidence: { runsInARow: runs, reasons: [...new Set(outcome.failures.map((f) => f.message))] },
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
  clockChecked(meterId: string, offsetMs: number): Promise<void> {
    return this.apply('meter', [
      {
        kind: 'clock-deviation',
        objectId: meterId,
        present: Math.abs(offsetMs) > this.thresholds.clockDeviationMs,
        evidence: { offsetMs },
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
  portRates(runId: number, rates: readonly { port: string; meters: number; read: number }[]): Promise<void> {
    return this.apply(
      'port',
      rates
        .filter((r) => r.meters > 0)
        .map((r) => {
          const percent = (100 * r.read) / r.meters;
          return {
            kind: 'port-success-low' as const,
            objectId: r.port,
            present: percent < this.thresholds.portSuccessPercent,
            evidence: { runId, meters: r.meters, read: r.read, percent: Math.round(percent * 10) / 10 },
          };
        }),
    );
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

  private async apply(objectType: 'meter' | 'port', observations: readonly Observation[]): Promise<void> {
    for (const observation of observations) {
      const key = { kind: observation.kind, objectType, objectId: observation.objectId };
      const open = await this.store.alarms.open(key);
      const now = this.now();
      const decision = decide(
        observation,
        open === undefined ? undefined : { lastSeenAt: open.lastSeenAt, state: open.state as 'raised' },
        now,
        this.thresholds.clearAfterMs,
      );
      switch (decision.action) {
        case 'raise': {
          const raised = await this.store.alarms.raise(
            {
              ...key,
              severity: alarmRules[observation.kind].severity,
              areaId: await this.areaOf(objectType, observation.objectId),
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

  /** A meter's area; a port's is its terminal's. */
  private async areaOf(objectType: 'meter' | 'port', objectId: string): Promise<number | null> {
    const key = `${objectType}:${objectId}`;
    if (!this.areas.has(key)) {
      let areaId: number | null = null;
      if (objectType === 'meter') areaId = (await this.store.meters.get(Number(objectId)))?.areaId ?? null;
      else {
        const terminalId = Number(objectId.split(':')[0]);
        areaId = (await this.store.terminals.get(terminalId))?.areaId ?? null;
      }
      this.areas.set(key, areaId);
    }
    return this.areas.get(key) ?? null;
  }

  private emit(event: AlarmEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
