// The records a meter keeps about what happened to it (DL/T 645-2007 Table A.4 and A.6). Times are the
// meter's own clock (epoch ms), energies Wh in the order of ENERGY_KIND.
import type { DemandSnapshot } from './demand.ts';
import type { EnergySnapshot } from './energy-registers.ts';
import { EventLog } from './event-log.ts';
import { HourlyFreezes } from './hourly-freezes.ts';

export interface PowerDownRecord {
  readonly startMs: number;
  endMs: number | undefined;
}

/** 开表盖 / 开端钮盒: start and end with the energies at each. */
export interface CoverRecord {
  readonly startMs: number;
  readonly startTotals: readonly number[];
  endMs: number | undefined;
  endTotals: readonly number[] | undefined;
}

/** 跳闸 / 合闸. */
export interface RelayRecord {
  readonly timeMs: number;
  readonly operatorCode: string;
  readonly totals: readonly number[];
}

export interface ProgrammingRecord {
  readonly timeMs: number;
  readonly operatorCode: string;
  readonly dataIdentifiers: readonly number[];
}

export interface ClockChangeRecord {
  readonly operatorCode: string;
  readonly beforeMs: number;
  readonly afterMs: number;
}

export interface EventClearRecord {
  readonly timeMs: number;
  readonly operatorCode: string;
  readonly dataIdentifier: number;
}

/** A frozen copy of the registers (日冻结, 瞬时冻结, 结算日). */
export interface FreezeRecord {
  readonly timeMs: number;
  readonly energies: EnergySnapshot;
  readonly demand: { readonly forward: DemandSnapshot; readonly reverse: DemandSnapshot };
  /** Active power total, A, B, C then reactive total, A, B, C (W, var); phases absent are undefined. */
  readonly powers: readonly (number | undefined)[];
}

/** A per-phase condition with a start and an end (over-current, reverse power): count, minutes, starts. */
export class PhaseCondition {
  readonly starts = new EventLog<number>();
  totalMs = 0;
  private activeSinceMs: number | undefined;

  /** Updates the condition; `nowMs` is the meter's clock. */
  update(active: boolean, nowMs: number): void {
    if (active && this.activeSinceMs === undefined) {
      this.activeSinceMs = nowMs;
      this.starts.add(nowMs);
    } else if (!active && this.activeSinceMs !== undefined) {
      this.totalMs += nowMs - this.activeSinceMs;
      this.activeSinceMs = undefined;
    }
  }

  get active(): boolean {
    return this.activeSinceMs !== undefined;
  }

  totalMinutes(nowMs: number): number {
    const running = this.activeSinceMs === undefined ? 0 : nowMs - this.activeSinceMs;
    return Math.floor((this.totalMs + running) / 60_000);
  }

  clear(): void {
    this.starts.clear();
    this.totalMs = 0;
    this.activeSinceMs = undefined;
  }
}

/** Table A.6: 62 daily freezes, 3 instant freezes, 12 settlement days. */
const DAILY_FREEZES_KEPT = 62;
const INSTANT_FREEZES_KEPT = 3;
const SETTLEMENTS_KEPT = 12;

/** Everything a meter records about itself besides its registers. */
export class MeterRecords {
  readonly powerDowns = new EventLog<PowerDownRecord>();
  readonly coverOpens = new EventLog<CoverRecord>();
  readonly terminalCoverOpens = new EventLog<CoverRecord>();
  readonly relayTrips = new EventLog<RelayRecord>();
  readonly relayCloses = new EventLog<RelayRecord>();
  readonly programming = new EventLog<ProgrammingRecord>();
  readonly clockChanges = new EventLog<ClockChangeRecord>();
  readonly eventClears = new EventLog<EventClearRecord>();
  readonly overCurrent = [new PhaseCondition(), new PhaseCondition(), new PhaseCondition()];
  readonly reversePower = [new PhaseCondition(), new PhaseCondition(), new PhaseCondition()];
  meterClears = 0;
  demandClears = 0;
  readonly dailyFreezes = new EventLog<FreezeRecord>(DAILY_FREEZES_KEPT);
  readonly instantFreezes = new EventLog<FreezeRecord>(INSTANT_FREEZES_KEPT);
  readonly settlements = new EventLog<FreezeRecord>(SETTLEMENTS_KEPT);
  readonly hourlyFreezes = new HourlyFreezes();

  /** 事件清零: every event record and count, not the freezes. */
  clearEvents(): void {
    for (const log of [
      this.powerDowns,
      this.coverOpens,
      this.terminalCoverOpens,
      this.relayTrips,
      this.relayCloses,
      this.programming,
      this.clockChanges,
    ])
      log.clear();
    for (const condition of [...this.overCurrent, ...this.reversePower]) condition.clear();
  }
}
