// One simulated meter: registers, clock, relay, prepaid balance, capacity limit and event records, advanced
// lazily to whatever simulated time it is asked about. Time moves in steps that end at every minute (the load
// is constant within a minute) and at every instant the meter acts (a trip, a restore, a balance threshold),
// so lazy and eager evaluation give the same registers.
import { hashUnit } from '../random.ts';
import { DAY_MS, localDayNumber, localHour, MINUTE_MS, toMeterDateTime } from '../time/local-time.ts';
import { CapacityLimiter } from './capacity-limiter.ts';
import { DemandRegister } from './demand.ts';
import { type Electrical, electricalState } from './electrical.ts';
import { kindValues } from './energy-kinds.ts';
import { ENERGY_KIND, EnergyRegisters } from './energy-registers.ts';
import { SimEsam } from './esam.ts';
import { MoneyPrepaidState, type MoneyTopUp, type MoneyTopUpOutcome } from './fee-control.ts';
import { Household } from './household.ts';
import { LoadRecords } from './load-records.ts';
import type { CapacityLimitConfig, MeterConfig } from './meter-config.ts';
import { multiplierOf } from './meter-config.ts';
import { type FreezeRecord, MeterRecords } from './meter-records.ts';
import { PrepaidState, type PurchaseOutcome, type PurchaseRequest } from './prepaid.ts';
import { tariffOfHour } from './tariff.ts';

/** What the relay logic needs of a prepaid balance, in energy or in money. */
interface BalanceKeeper {
  readonly exhausted: boolean;
  readonly belowAlarm: boolean;
  readonly alarmCutsPower: boolean;
  readonly alarmAcknowledged: boolean;
  whToNextThreshold(tariff: number): number;
  consume(wh: number, tariff: number): void;
}

export type RelayReason = 'remote' | 'prepaid' | 'prepaid-alarm' | 'capacity';
/** Operator code the meter writes when it acts by itself (no operator). */
export const METER_ITSELF = 'FFFFFFFF';
const HOUR_MS = 3_600_000;

export class SimMeter {
  readonly config: MeterConfig;
  household: Household;
  readonly registers: EnergyRegisters;
  /** Forward and reverse active maximum demand. */
  readonly demand = { forward: new DemandRegister(), reverse: new DemandRegister() };
  readonly prepaid: PrepaidState | undefined;
  /** The money-type balance of a Q/GDW 1365 local fee-control meter. */
  readonly moneyPrepaid: MoneyPrepaidState | undefined;
  readonly esam: SimEsam;
  /** Whichever balance the meter keeps. */
  private readonly balance: BalanceKeeper | undefined;
  /** Simulated (true) epoch ms the meter has been advanced to. */
  time: number;
  baud: number;
  /** A rate accepted by 更改通信速率, taken once the reply has left (§7.8). */
  pendingBaud: number | undefined = undefined;
  address: string;
  readonly passwords: Map<number, string>;
  electrical: Electrical;

  private capacityLimiter: CapacityLimiter | undefined;

  private clockOffsetMs: number;
  private driftEpochMs: number;
  private lastMeterDay: number;
  private lastMeterHour: number;
  lastBroadcastSyncDay = -1;

  private readonly relayReasons = new Set<RelayReason>();
  relayOpen = false;
  protectOn = false;
  remoteAlarm = false;

  reversed = false;
  bypassShare = 0;
  poweredDown = false;
  programmingUntilMs = Number.NEGATIVE_INFINITY;
  /**
   * A broken clock (the `broken-clock` scenario): the bytes the meter sends for its date (04000101,
   * YYMMDDWW) and time (04000102, hhmmss), in transmission order, whatever they say; a time sync does not
   * mend it. Undefined: the meter reports its own clock.
   */
  brokenClock: { readonly date?: Uint8Array; readonly time?: Uint8Array } | undefined = undefined;
  private suppliedW = 0;
  private readonly phaseWeights: readonly number[];

  /** Events, freezes and counters (Tables A.4, A.6). */
  readonly records = new MeterRecords();
  /** 负荷记录 (Table A.7). */
  readonly loadRecords: LoadRecords;
  private lastRecordMinute: number;
  /** The rest of a reply too long for one frame, sent on 读后续数据 (§7.2); `sent` frames have gone. */
  followUp: { readonly di: number; readonly frames: readonly Uint8Array[]; sent: number } | undefined =
    undefined;

  constructor(config: MeterConfig, startMs: number, household?: Household) {
    this.config = config;
    this.address = config.address;
    this.baud = config.baud;
    this.household =
      household ??
      new Household({
        id: config.address,
        profile: config.profile,
        peakPowerW: config.peakPowerW,
        seed: config.seed,
        utcOffsetMinutes: config.utcOffsetMinutes,
        ...(config.occupants === undefined ? {} : { occupants: config.occupants }),
      });
    this.registers = new EnergyRegisters(config.initialEnergyWh);
    this.prepaid = config.prepaid === undefined ? undefined : new PrepaidState(config.prepaid);
    this.moneyPrepaid =
      config.moneyPrepaid === undefined ? undefined : new MoneyPrepaidState(config.moneyPrepaid);
    this.balance = this.prepaid ?? this.moneyPrepaid;
    this.esam = new SimEsam(config.esamKey, config.seed);
    this.capacityLimiter =
      config.capacityLimit === undefined ? undefined : new CapacityLimiter(config.capacityLimit);
    this.passwords = new Map(Object.entries(config.passwords).map(([level, code]) => [Number(level), code]));
    this.time = startMs;
    this.clockOffsetMs = config.clockOffsetMs;
    this.driftEpochMs = startMs;
    this.lastMeterDay = localDayNumber(this.meterClock(startMs), config.utcOffsetMinutes);
    this.lastMeterHour = Math.floor(this.meterClock(startMs) / HOUR_MS);
    this.loadRecords = new LoadRecords(config.phases, config.loadRecordsKept);
    this.lastRecordMinute = Math.floor(this.meterClock(startMs) / MINUTE_MS);
    const a = 0.8 + 0.4 * hashUnit(config.seed, 7, 1);
    const b = 0.8 + 0.4 * hashUnit(config.seed, 7, 2);
    this.phaseWeights = [a / (a + b + 1), b / (a + b + 1), 1 / (a + b + 1)];
    this.electrical = this.computeElectrical(startMs);
    this.applyPrepaid(startMs);
    this.refresh(startMs);
  }

  // ---- time ----

  /** The meter's own clock at simulated time `simMs` (epoch ms). */
  meterClock(simMs: number): number {
    return simMs + this.clockOffsetMs + ((simMs - this.driftEpochMs) * this.config.clockDriftPpm) / 1e6;
  }

  /** Sets the meter's clock to `meterMs` at simulated time `simMs` and records the change. */
  setClock(simMs: number, meterMs: number, operatorCode: string): void {
    this.advanceTo(simMs);
    const beforeMs = this.meterClock(simMs);
    this.clockOffsetMs = meterMs - simMs;
    this.driftEpochMs = simMs;
    this.records.clockChanges.add({ operatorCode, beforeMs, afterMs: meterMs });
    const day = localDayNumber(meterMs, this.config.utcOffsetMinutes);
    if (day < this.lastMeterDay) this.lastMeterDay = day;
    this.lastMeterHour = Math.min(this.lastMeterHour, Math.floor(meterMs / HOUR_MS));
    this.lastRecordMinute = Math.min(this.lastRecordMinute, Math.floor(meterMs / MINUTE_MS));
  }

  advanceTo(targetMs: number): void {
    this.step(targetMs, MINUTE_MS, true, true);
  }

  /**
   * Brings the meter to `targetMs` in steps of `stepMs` (a divisor of an hour) rather than minutes: the load
   * is sampled once a step, each step's energy is spread evenly over its minutes for the demand, and freezes
   * and load records fall on the step boundaries. For building a history quickly (the demo's back-fill);
   * `chargeBalance: false` meters the energy without drawing on a prepaid balance, as a meter metered before
   * its account was opened. `loadRecords: false` skips the load records of the stretch (a meter keeps only
   * its last few days of them, so a long history need not build the ones it would drop).
   */
  fastForward(
    targetMs: number,
    options: { stepMs: number; chargeBalance: boolean; loadRecords?: boolean },
  ): void {
    if (options.stepMs < MINUTE_MS || HOUR_MS % options.stepMs !== 0 || options.stepMs % MINUTE_MS !== 0)
      throw new Error(`a fast-forward step must be whole minutes dividing an hour, not ${options.stepMs} ms`);
    this.step(targetMs, options.stepMs, options.chargeBalance, options.loadRecords ?? true);
  }

  private step(targetMs: number, stepMs: number, chargeBalance: boolean, loadRecords: boolean): void {
    while (this.time < targetMs) {
      const start = this.time;
      this.runTimers(start);
      if (chargeBalance) this.applyPrepaid(start);
      this.refresh(start);
      let end = Math.min(targetMs, (Math.floor(start / stepMs) + 1) * stepMs);
      const timer = this.nextTimerMs();
      if (timer !== undefined && timer > start && timer < end) end = timer;
      const threshold = chargeBalance ? this.prepaidThresholdMs(start) : undefined;
      if (threshold !== undefined && threshold < end) end = threshold;
      this.integrate(start, end, chargeBalance);
      this.time = end;
      if (end % MINUTE_MS === 0) this.closeMinutes(start, end);
      this.checkCalendar(end);
      if (loadRecords) this.checkLoadRecord(end);
      else this.lastRecordMinute = Math.floor(this.meterClock(end) / MINUTE_MS);
    }
    this.runTimers(this.time);
    if (chargeBalance) this.applyPrepaid(this.time);
    this.refresh(this.time);
  }

  // ---- relay ----

  get relayReasonList(): readonly RelayReason[] {
    return [...this.relayReasons];
  }

  hasRelayReason(reason: RelayReason): boolean {
    return this.relayReasons.has(reason);
  }

  setRelayReason(reason: RelayReason, on: boolean, simMs: number, operatorCode = METER_ITSELF): void {
    if (on) this.relayReasons.add(reason);
    else this.relayReasons.delete(reason);
    this.updateRelay(simMs, operatorCode);
  }

  setProtect(on: boolean, simMs: number, operatorCode: string): void {
    this.protectOn = on;
    this.updateRelay(simMs, operatorCode);
  }

  private updateRelay(simMs: number, operatorCode: string): void {
    // 保电: while protected the meter keeps supply on whatever asks it to trip.
    const open = !this.protectOn && this.relayReasons.size > 0;
    if (open === this.relayOpen) return;
    this.relayOpen = open;
    const record = { timeMs: this.meterClock(simMs), operatorCode, totals: this.totals() };
    (open ? this.records.relayTrips : this.records.relayCloses).add(record);
    this.refresh(simMs);
  }

  // ---- prepaid ----

  purchase(simMs: number, request: PurchaseRequest): PurchaseOutcome {
    this.advanceTo(simMs);
    if (this.prepaid === undefined) return { accepted: false, reason: 'not-prepaid' };
    const outcome = this.prepaid.purchase(request, this.config.meterNumber, this.meterClock(simMs));
    this.applyPrepaid(simMs);
    return outcome;
  }

  /** 开户 or 充值 whose MACs the ESAM accepted. */
  topUpMoney(simMs: number, order: MoneyTopUp): MoneyTopUpOutcome {
    this.advanceTo(simMs);
    if (this.moneyPrepaid === undefined) return { accepted: false, reason: 'other' };
    const outcome = this.moneyPrepaid.topUp(order, this.meterClock(simMs));
    this.applyPrepaid(simMs);
    return outcome;
  }

  /** The customer inserts the card: acknowledges an alarm cut (001 FAQ 5). */
  insertCard(simMs: number): void {
    this.advanceTo(simMs);
    if (this.prepaid === undefined) return;
    if (this.prepaid.belowAlarm) this.prepaid.alarmAcknowledged = true;
    this.applyPrepaid(simMs);
  }

  private applyPrepaid(simMs: number): void {
    const prepaid = this.balance;
    if (prepaid === undefined) return;
    if (prepaid.exhausted !== this.relayReasons.has('prepaid'))
      this.setRelayReason('prepaid', prepaid.exhausted, simMs);
    const alarmCut = prepaid.alarmCutsPower && prepaid.belowAlarm && !prepaid.alarmAcknowledged;
    if (alarmCut !== this.relayReasons.has('prepaid-alarm'))
      this.setRelayReason('prepaid-alarm', alarmCut, simMs);
  }

  private prepaidThresholdMs(startMs: number): number | undefined {
    const prepaid = this.balance;
    const powerW = Math.abs(this.electrical.totalActiveW);
    if (prepaid === undefined || powerW <= 0) return undefined;
    const wh = prepaid.whToNextThreshold(this.tariffAt(startMs));
    if (wh <= 0) return undefined;
    return startMs + Math.max(1, Math.ceil((wh / powerW) * HOUR_MS));
  }

  // ---- capacity limit ----

  get capacity(): CapacityLimitConfig | undefined {
    return this.capacityLimiter?.config;
  }

  /** 正向有功功率上限值 written (04000E01): the limit changes, a running trip delay carries on. */
  setCapacityLimit(config: CapacityLimitConfig, simMs: number): void {
    this.advanceTo(simMs);
    this.capacityLimiter = new CapacityLimiter(config, this.capacityLimiter);
    this.advanceTo(simMs);
  }

  private nextTimerMs(): number | undefined {
    return this.capacityLimiter?.nextActionMs();
  }

  private runTimers(simMs: number): void {
    const action = this.capacityLimiter?.due(simMs);
    if (action !== undefined) this.setRelayReason('capacity', action === 'trip', simMs);
  }

  // ---- integration ----

  private computeElectrical(simMs: number): Electrical {
    const supplied = !this.poweredDown && !this.relayOpen;
    this.suppliedW = supplied ? this.household.powerW(simMs) : 0;
    return electricalState({
      phases: this.config.phases,
      nominalVoltageV: this.config.nominalVoltageV,
      seed: this.config.seed,
      epochMs: simMs,
      suppliedW: this.suppliedW,
      meteredShare: 1 - this.bypassShare,
      multiplier: multiplierOf(this.config),
      powerFactor: this.household.powerFactor(simMs),
      reversed: this.reversed,
      phaseWeights: this.phaseWeights,
      powered: !this.poweredDown,
    });
  }

  /** Recomputes the instantaneous state and the conditions that follow from it. */
  private refresh(simMs: number): void {
    this.electrical = this.computeElectrical(simMs);
    const clock = this.meterClock(simMs);
    const e = this.electrical;
    for (let phase = 0; phase < this.config.phases; phase++) {
      this.records.overCurrent[phase]?.update(
        Math.abs(e.currentA[phase] as number) > this.config.maxCurrentA,
        clock,
      );
      this.records.reversePower[phase]?.update((e.activeW[phase] as number) < 0, clock);
    }
    this.capacityLimiter?.observe(e.totalActiveW, simMs);
  }

  private integrate(startMs: number, endMs: number, chargeBalance = true): void {
    const hours = (endMs - startMs) / HOUR_MS;
    const e = this.electrical;
    const tariff = this.tariffAt(startMs);
    const activeWh = Math.abs(e.totalActiveW) * hours;
    const reactiveWh = Math.abs(e.totalReactiveVar) * hours;
    const forward = e.totalActiveW >= 0;
    const inductive = e.totalReactiveVar >= 0;
    const whole = this.registers.add(
      forward ? ENERGY_KIND.forwardActive : ENERGY_KIND.reverseActive,
      tariff,
      activeWh,
    );
    const quadrant = forward
      ? inductive
        ? ENERGY_KIND.q1Reactive
        : ENERGY_KIND.q4Reactive
      : inductive
        ? ENERGY_KIND.q2Reactive
        : ENERGY_KIND.q3Reactive;
    this.registers.add(quadrant, tariff, reactiveWh);
    for (let phase = 0; phase < this.config.phases; phase++) {
      const watts = e.activeW[phase] as number;
      this.registers.addPhase(phase, watts < 0, Math.abs(watts) * hours);
    }
    (forward ? this.demand.forward : this.demand.reverse).add(activeWh);
    // Energy in either direction draws on the balance, so wiring a meter backwards buys nothing.
    if (chargeBalance) this.balance?.consume(whole, tariff);
    this.household.trueEnergyWh += this.suppliedW * hours;
  }

  /** The time-of-use tariff (1 尖 … 4 谷) in force by the meter's clock. */
  tariffAt(simMs: number): number {
    return tariffOfHour(localHour(this.meterClock(simMs), this.config.utcOffsetMinutes));
  }

  /** Closes the minutes from `startMs` to `endMs` (one, except when fast-forwarding). */
  private closeMinutes(startMs: number, endMs: number): void {
    const clock = this.meterClock(endMs);
    // The minutes just closed belong to the tariff in force during them.
    const tariff = tariffOfHour(localHour(clock - 1, this.config.utcOffsetMinutes));
    const minutes = Math.max(1, Math.floor(endMs / MINUTE_MS) - Math.floor(startMs / MINUTE_MS));
    this.demand.forward.closeMinutes(minutes, tariff, clock);
    this.demand.reverse.closeMinutes(minutes, tariff, clock);
  }

  private checkCalendar(simMs: number): void {
    const offset = this.config.utcOffsetMinutes;
    const clock = this.meterClock(simMs);
    const hour = Math.floor(clock / HOUR_MS);
    if (hour > this.lastMeterHour) {
      this.lastMeterHour = hour;
      this.records.hourlyFreezes.add(hour * HOUR_MS, this.registers.total(0), this.registers.total(1));
    }
    const day = localDayNumber(clock, offset);
    if (day <= this.lastMeterDay) return;
    this.lastMeterDay = day;
    const midnightMs = day * DAY_MS - offset * MINUTE_MS;
    const record = this.freezeRecord(midnightMs);
    this.records.dailyFreezes.add(record);
    // 每月第1结算日 defaults to the 1st at 00h (04000B01 = 0100).
    if (toMeterDateTime(midnightMs, offset).day === 1) this.records.settlements.add(record);
  }

  /**
   * 负荷记录: once the meter's clock enters a new minute, a block of the classes due then, sampled as a read
   * at that instant would see it. A meter without supply records nothing; a clock set forward skips the
   * minutes in between, as a meter's does.
   */
  private checkLoadRecord(simMs: number): void {
    const minute = Math.floor(this.meterClock(simMs) / MINUTE_MS);
    if (minute <= this.lastRecordMinute) return;
    this.lastRecordMinute = minute;
    if (this.poweredDown) return;
    const mask = this.loadRecords.classesDue(minute + this.config.utcOffsetMinutes);
    if (mask === 0) return;
    const snapshot = this.registers.snapshot();
    this.loadRecords.add(minute, mask, {
      electrical: this.computeElectrical(simMs),
      // Table A.1 DI2 01-08: forward, reverse active, combined reactive 1, 2, quadrants I-IV.
      energiesWh: [1, 2, 3, 4, 5, 6, 7, 8].map((kind) => kindValues(snapshot, kind)?.[0] ?? 0),
      demandW: this.demand.forward.presentW - this.demand.reverse.presentW,
    });
  }

  freezeRecord(timeMs: number): FreezeRecord {
    const e = this.electrical;
    const phases = [0, 1, 2].map((p) => (p < this.config.phases ? p : -1));
    return {
      timeMs,
      energies: this.registers.snapshot(),
      demand: { forward: this.demand.forward.snapshot(), reverse: this.demand.reverse.snapshot() },
      powers: [
        e.totalActiveW,
        ...phases.map((p) => (p < 0 ? undefined : e.activeW[p])),
        e.totalReactiveVar,
        ...phases.map((p) => (p < 0 ? undefined : e.reactiveVar[p])),
      ],
    };
  }

  /** Totals of each energy kind (Wh), for event records. */
  totals(): number[] {
    return [0, 1, 2, 3, 4, 5].map((kind) => this.registers.total(kind));
  }
}
