// A simulated concentrator (集中器): its meter table (AFN 04 F10), the meters wired behind it, the values it
// keeps from reading them on its own schedule (current energies, 31 daily and 12 monthly freezes), its event
// ring (ERC records for AFN 0E) and its answers to a master station's requests, as Q/GDW 1376.1 data units.
// The TCP link to the master station is uplink.ts; this file has no I/O.
import {
  type DataValue,
  Deframer,
  decodeFrame as decode645,
  decodeItem,
  encodeFrame as encode645,
  type MeterDateTime,
  parseResponse2007,
  q1376,
  requestFrame2007,
} from '@openami/protocol';
import type { SimMeter } from '../meter/meter.ts';
import { remoteControl } from '../meter/scenarios.ts';
import { meterAnswer } from '../meter/serial-interface.ts';
import {
  DAY_MS,
  DEFAULT_UTC_OFFSET_MINUTES,
  fromMeterDateTime,
  toMeterDateTime,
} from '../time/local-time.ts';
import type { SimClock } from '../time/sim-clock.ts';
import { LocalChannel, type LocalChannelOptions } from './local-channel.ts';

/** 1376.1 allows measuring points 1–2040 (DA). */
export const MAX_POINTS = 2040;
export const DAILY_FREEZES_KEPT = 31;
export const MONTHLY_FREEZES_KEPT = 12;
/** The carrier port of a concentrator (通信端口号 31 in most meter tables). */
export const CARRIER_PORT = 31;
/** Tariffs a simulated meter keeps (尖峰平谷). */
const TARIFFS = 4;
/** The DL/T 645-2007 items it reads (Table A.1, A.4, A.6); a freeze's n goes in DI0. */
const DI = {
  forwardActive: 0x0001ff00,
  reactive1: 0x0003ff00,
  quadrant1: 0x0005ff00,
  quadrant4: 0x0008ff00,
  dailyFreezeTime: 0x05060000,
  dailyFreezeForward: 0x05060100,
  coverOpenCount: 0x03300d00,
  powerDownCount: 0x03110000,
  meterDate: 0x04000101,
  meterTime: 0x04000102,
} as const;
/** 电能表时间超差 threshold (a concentrator's default 5 minutes). */
const CLOCK_DRIFT_LIMIT_MS = 5 * 60_000;
/** Operator code written into a meter's relay record when the concentrator trips it. */
const CONCENTRATOR_OPERATOR = '13760000';

export interface WiredMeter {
  readonly meter: SimMeter;
  /** The port it hangs on; CARRIER_PORT unless given. */
  readonly port?: number;
}

export interface ConcentratorOptions {
  /** 行政区划码 A1, four digits. */
  readonly area: string;
  /** 终端地址 A2, 1–65535. */
  readonly terminal: number;
  readonly clock: SimClock;
  readonly meters?: readonly WiredMeter[];
  readonly channel?: LocalChannelOptions;
  /** The modem's received signal strength, dBm. */
  readonly signalDbm?: number;
  readonly utcOffsetMinutes?: number;
}

export interface ConcentratorState {
  readonly terminal: string;
  /** The modem's signal strength, dBm (the installation workflow records it). */
  readonly signalDbm: number;
  readonly clockMs: number;
  readonly poweredOff: boolean;
  readonly meterTable: number;
  readonly wiredMeters: number;
  readonly readRounds: number;
  readonly channel: { readonly exchanges: number; readonly lost: number };
  readonly events: number;
  readonly points: readonly {
    readonly point: number;
    readonly address: string;
    readonly lastReadMs: number | null;
    readonly dailyFreezes: number;
    readonly monthlyFreezes: number;
  }[];
}

/** What the concentrator keeps of one meter read. */
export interface Reading {
  /** Simulated epoch ms of the read. */
  readonly atMs: number;
  /**
   * Registers, Wh (as the meter sends them, in 10 Wh): forward active, then combined reactive 1, quadrant I,
   * quadrant IV, each [total, t1…t4]; the reactive ones only in current readings, when they came through.
   */
  readonly forwardActiveWh: readonly number[];
  readonly reactive1Wh?: readonly number[] | undefined;
  readonly quadrant1Wh?: readonly number[] | undefined;
  readonly quadrant4Wh?: readonly number[] | undefined;
}

interface PointMemory {
  current: Reading | undefined;
  /** Local day number → the freeze taken at the end of that day. */
  readonly daily: Map<number, Reading>;
  /** year × 12 + month − 1 → the freeze taken at the end of that month. */
  readonly monthly: Map<number, Reading>;
  coverOpens: number | undefined;
  powerDowns: number | undefined;
  clockDrifted?: boolean;
}

export type Downlink = q1376.DataUnit;

/** An answer: which AFN it goes under and its units (the link splits it into frames). */
export interface Answer {
  readonly afn: number;
  readonly units: readonly q1376.DataUnit[];
}

export class Concentrator {
  readonly area: string;
  readonly terminal: number;
  readonly clock: SimClock;
  readonly channel: LocalChannel;
  readonly utcOffsetMinutes: number;
  signalDbm: number;
  /** The concentrator's own clock, as an offset from simulated time (set by 05 F31). */
  clockOffsetMs = 0;
  /** Meter table by 序号. */
  readonly table = new Map<number, q1376.MeterEntry>();
  private readonly wired = new Map<string, { meter: SimMeter; port: number }>();
  private readonly memory = new Map<number, PointMemory>();
  /** Important events (EC1), a ring of 256 by their index. */
  private readonly events: q1376.EventRecord[] = [];
  eventCount = 0;
  /** Events the master station has read with 0E F1 (counted from the start). */
  eventsRead = 0;
  private readonly reportedUnknown = new Set<string>();
  powerOffAtMs: number | undefined = undefined;
  readRounds = 0;
  private readTimer: NodeJS.Timeout | undefined;
  /** 04 F1 as last set (0A F1 reads it back); undefined until set. */
  uplinkParameters: q1376.UplinkParameters | undefined = undefined;
  /** 04 F3 as last set. */
  masterAddress: q1376.MasterAddress | undefined = undefined;
  /** Called when 04 F1 sets a heartbeat period (the uplink follows it). */
  onHeartbeatMinutes: ((minutes: number) => void) | undefined = undefined;

  constructor(options: ConcentratorOptions) {
    if (!/^[0-9A-Fa-f]{4}$/.test(options.area))
      throw new Error(`an area code is four digits, not ${options.area}`);
    if (!Number.isInteger(options.terminal) || options.terminal < 1 || options.terminal > 0xffff)
      throw new Error(`a terminal address is 1–65535, not ${options.terminal}`);
    this.area = options.area;
    this.terminal = options.terminal;
    this.clock = options.clock;
    this.channel = new LocalChannel(options.channel);
    this.signalDbm = options.signalDbm ?? -75;
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
    for (const wired of options.meters ?? []) this.wire(wired.meter, wired.port ?? CARRIER_PORT);
  }

  get name(): string {
    return q1376.formatTerminal({ area: this.area, terminal: this.terminal });
  }

  /** Hangs a meter on one of the concentrator's ports (the table decides whether it is read). */
  wire(meter: SimMeter, port = CARRIER_PORT): void {
    this.wired.set(meter.address, { meter, port });
  }

  get wiredMeters(): readonly SimMeter[] {
    return [...this.wired.values()].map((w) => w.meter);
  }

  /** The concentrator's own clock now (epoch ms). */
  nowMs(): number {
    return this.clock.now() + this.clockOffsetMs;
  }

  /** Reads its meters every `intervalMs` real milliseconds (its own schedule), until stopReading. */
  startReading(intervalMs: number): void {
    this.stopReading();
    this.readTimer = setInterval(() => {
      if (this.powerOffAtMs === undefined) this.readRound();
    }, intervalMs);
  }

  stopReading(): void {
    if (this.readTimer !== undefined) clearInterval(this.readTimer);
    this.readTimer = undefined;
  }

  /** Its state for the control API. */
  state(): ConcentratorState {
    const points = [...this.table.values()].sort((a, b) => a.point - b.point);
    return {
      terminal: this.name,
      signalDbm: this.signalDbm,
      clockMs: this.nowMs(),
      poweredOff: this.powerOffAtMs !== undefined,
      meterTable: points.length,
      wiredMeters: this.wired.size,
      readRounds: this.readRounds,
      channel: { exchanges: this.channel.exchanges, lost: this.channel.lost },
      events: this.eventCount,
      points: points.map((row) => {
        const memory = this.memory.get(row.point);
        return {
          point: row.point,
          address: row.address,
          lastReadMs: memory?.current?.atMs ?? null,
          dailyFreezes: memory?.daily.size ?? 0,
          monthlyFreezes: memory?.monthly.size ?? 0,
        };
      }),
    };
  }

  // ---- the meter table ----

  setMeterTable(rows: readonly q1376.MeterEntry[]): void {
    for (const row of rows) {
      if (row.point === 0) {
        this.table.delete(row.index);
        continue;
      }
      if (row.point > MAX_POINTS) throw new Error(`measuring point ${row.point} is beyond ${MAX_POINTS}`);
      this.table.set(row.index, row);
    }
    const points = new Set([...this.table.values()].map((row) => row.point));
    for (const point of this.memory.keys()) if (!points.has(point)) this.memory.delete(point);
  }

  private rowOfPoint(point: number): q1376.MeterEntry | undefined {
    for (const row of this.table.values()) if (row.point === point) return row;
    return undefined;
  }

  private meterOfPoint(point: number): SimMeter | undefined {
    const row = this.rowOfPoint(point);
    return row === undefined ? undefined : this.wired.get(row.address)?.meter;
  }

  // ---- reading ----

  /**
   * One reading round: every meter in the table, over the lossy local channel; a lost read keeps the last
   * values. Meters that answer but are not in the table are reported once as ERC 35 (carrier search).
   */
  readRound(): { read: number; failed: number } {
    this.readRounds++;
    const simMs = this.clock.now();
    let read = 0;
    let failed = 0;
    for (const row of this.table.values()) {
      const wired = this.wired.get(row.address);
      if (wired === undefined || !this.takeReading(row.point, wired.meter, simMs)) failed++;
      else read++;
    }
    this.searchUnknown(simMs);
    return { read, failed };
  }

  /**
   * One DL/T 645-2007 read of `di` from the meter over the local channel: the item's value, or undefined
   * when the exchange was lost, the meter said nothing or refused.
   */
  private read645(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
    if (!this.channel.exchange()) return undefined;
    const request = encode645(requestFrame2007({ kind: 'read-data', address: meter.address, di }));
    const reply = meterAnswer(meter, decode645(request), simMs);
    if (reply === undefined) return undefined;
    try {
      const response = parseResponse2007(decode645(reply.frame));
      return response.kind === 'read-data' ? decodeItem('2007', di, response.data).value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Registers as a 645 block of kWh (2 decimals), in Wh. */
  private readRegisters(meter: SimMeter, di: number, simMs: number): number[] | undefined {
    const value = this.read645(meter, di, simMs);
    if (!Array.isArray(value)) return undefined;
    return value.map((kwh) => (typeof kwh === 'number' ? Math.round(kwh * 100) * 10 : 0));
  }

  /** Reads one meter through DL/T 645: current registers, new daily and monthly freezes, event counts. */
  private takeReading(point: number, meter: SimMeter, simMs: number): boolean {
    const forward = this.readRegisters(meter, DI.forwardActive, simMs);
    if (forward === undefined) return false;
    let memory = this.memory.get(point);
    if (memory === undefined) {
      memory = {
        current: undefined,
        daily: new Map(),
        monthly: new Map(),
        coverOpens: undefined,
        powerDowns: undefined,
      };
      this.memory.set(point, memory);
    }
    memory.current = {
      atMs: simMs,
      forwardActiveWh: forward,
      reactive1Wh: this.readRegisters(meter, DI.reactive1, simMs),
      quadrant1Wh: this.readRegisters(meter, DI.quadrant1, simMs),
      quadrant4Wh: this.readRegisters(meter, DI.quadrant4, simMs),
    };
    // 上 n 次日冻结, newest first, until a day it already has (a freeze at local midnight closes the day before).
    for (let n = 1; n <= DAILY_FREEZES_KEPT; n++) {
      const time = this.read645(meter, DI.dailyFreezeTime | n, simMs);
      if (time === undefined || time === null || typeof time !== 'object' || Array.isArray(time)) break;
      const atMs = fromMeterDateTime(time as MeterDateTime, this.utcOffsetMinutes);
      const day = this.localDay(atMs - 1);
      if (memory.daily.has(day)) break;
      const energies = this.readRegisters(meter, DI.dailyFreezeForward | n, simMs);
      if (energies === undefined) break;
      memory.daily.set(day, { atMs, forwardActiveWh: energies });
    }
    // 上 n 结算日 (the 1st, 00:00): the month before it, counted back from this month.
    const local = toMeterDateTime(simMs, this.utcOffsetMinutes);
    for (let n = 1; n <= MONTHLY_FREEZES_KEPT; n++) {
      const month = local.year * 12 + local.month - 1 - n;
      if (memory.monthly.has(month)) break;
      const energies = this.readRegisters(meter, DI.forwardActive | n, simMs);
      if (energies === undefined) break;
      const atMs = fromMeterDateTime(
        { year: Math.floor((month + 1) / 12), month: ((month + 1) % 12) + 1, day: 1 },
        this.utcOffsetMinutes,
      );
      memory.monthly.set(month, { atMs, forwardActiveWh: energies });
    }
    prune(memory.daily, DAILY_FREEZES_KEPT);
    prune(memory.monthly, MONTHLY_FREEZES_KEPT);
    const covers = this.read645(meter, DI.coverOpenCount, simMs);
    if (typeof covers === 'number') {
      if (memory.coverOpens !== undefined && covers > memory.coverOpens) this.recordCoverOpened(point, simMs);
      memory.coverOpens = covers;
    }
    // ERC 13 D3: the meter's power-off count went up since the last read.
    const powerDowns = this.read645(meter, DI.powerDownCount, simMs);
    if (typeof powerDowns === 'number') {
      if (memory.powerDowns !== undefined && powerDowns > memory.powerDowns)
        this.record({
          kind: 'meter-fault',
          erc: 13,
          at: this.minuteTime(simMs),
          began: true,
          point,
          flags: 0b1000,
        });
      memory.powerDowns = powerDowns;
    }
    this.checkMeterClock(point, meter, memory, simMs);
    return true;
  }

  /** ERC 12: the meter's clock (04000101 date, 04000102 time) off the concentrator's by more than 5 minutes. */
  private checkMeterClock(point: number, meter: SimMeter, memory: PointMemory, simMs: number): void {
    const date = this.read645(meter, DI.meterDate, simMs);
    const time = this.read645(meter, DI.meterTime, simMs);
    if (!isFields(date) || !isFields(time)) return;
    const meterMs = fromMeterDateTime(
      { ...(date as MeterDateTime), ...(time as MeterDateTime) },
      this.utcOffsetMinutes,
    );
    const drifted = Math.abs(meterMs - (simMs + this.clockOffsetMs)) > CLOCK_DRIFT_LIMIT_MS;
    if (drifted === (memory.clockDrifted ?? false)) return;
    memory.clockDrifted = drifted;
    this.record({ kind: 'meter-clock-drift', erc: 12, at: this.minuteTime(simMs), began: drifted, point });
  }

  private searchUnknown(simMs: number): void {
    const known = new Set([...this.table.values()].map((row) => row.address));
    const byPort = new Map<number, q1376.UnknownMeter[]>();
    for (const [address, wired] of this.wired) {
      if (known.has(address) || this.reportedUnknown.has(address) || wired.meter.poweredDown) continue;
      if (!this.channel.exchange()) continue;
      this.reportedUnknown.add(address);
      const list = byPort.get(wired.port) ?? [];
      list.push({
        address,
        phases: wired.meter.config.phases === 3 ? 0b111 : 0b001,
        signalQuality: 12,
        protocol: wired.meter.config.edition === '2007' ? 30 : 1,
      });
      byPort.set(wired.port, list);
    }
    for (const [port, meters] of byPort)
      this.record({ kind: 'unknown-meters', erc: 35, at: this.minuteTime(simMs), port, meters });
  }

  private recordCoverOpened(point: number, simMs: number): void {
    // ERC 37 电能表开表盖事件 is not one the codec reads: kept as a raw record (time, point).
    const at = toMeterDateTime(this.localMs(simMs), 0);
    const bcd = (n: number): number => ((Math.floor(n / 10) % 10) << 4) | (n % 10);
    const raw = Uint8Array.of(
      bcd(at.minute),
      bcd(at.hour),
      bcd(at.day),
      bcd(at.month),
      bcd(at.year % 100),
      point & 0xff,
      (point >> 8) & 0x0f,
    );
    this.record({ kind: 'raw-event', erc: 37, raw });
  }

  /** The concentrator loses power (ERC 14 is recorded when it returns). */
  powerOff(): void {
    this.powerOffAtMs = this.nowMs();
  }

  powerOn(): void {
    const off = this.powerOffAtMs;
    if (off === undefined) return;
    this.powerOffAtMs = undefined;
    this.record({
      kind: 'power-off-on',
      erc: 14,
      offAt: this.minuteTime(off - this.clockOffsetMs),
      onAt: this.minuteTime(this.clock.now()),
    });
  }

  private record(event: q1376.EventRecord): void {
    this.events[this.eventCount % 256] = event;
    this.eventCount++;
  }

  /**
   * EC for its answers while it has important events the master station has not read (ACD = 1 then, §4.3.4.3):
   * EC1 its important-event counter, EC2 the normal one (always 0).
   */
  get pendingEventCounters(): q1376.EventCounters | undefined {
    return this.eventCount > this.eventsRead ? { important: this.eventCount % 256, normal: 0 } : undefined;
  }

  /** Important events kept (at most 256), oldest first. */
  get eventRecords(): readonly q1376.EventRecord[] {
    const kept = Math.min(this.eventCount, 256);
    const out: q1376.EventRecord[] = [];
    for (let i = this.eventCount - kept; i < this.eventCount; i++)
      out.push(this.events[i % 256] as q1376.EventRecord);
    return out;
  }

  // ---- answers ----

  /**
   * The answer to a downlink request's units (all of one AFN). Undefined: the request is not one a
   * concentrator answers (it is ignored).
   */
  answer(afn: number, units: readonly q1376.DataUnit[], master: number): Answer | undefined {
    switch (afn) {
      case q1376.AFN.setParameters:
        return this.setParameters(units, master);
      case q1376.AFN.queryParameters:
        return this.dataAnswer(
          afn,
          units.flatMap((unit) => this.queryParameter(unit)),
        );
      case q1376.AFN.control:
        return this.control(units);
      case q1376.AFN.class1Data:
        return this.dataAnswer(
          afn,
          units.map((unit) => this.class1(unit)),
        );
      case q1376.AFN.class2Data:
        return this.dataAnswer(
          afn,
          units.map((unit) => this.class2(unit)),
        );
      case q1376.AFN.class3Data:
        return {
          afn,
          units: units.flatMap((unit) => (unit.kind === 'events-query' ? [this.eventsAnswer(unit)] : [])),
        };
      case q1376.AFN.forward:
        return {
          afn,
          units: units.flatMap((unit) => (unit.kind === 'forward-request' ? [this.forward(unit)] : [])),
        };
      default:
        return undefined;
    }
  }

  private dataAnswer(afn: number, units: readonly (q1376.DataUnit | undefined)[]): Answer {
    const known = units.filter((unit): unit is q1376.DataUnit => unit !== undefined);
    if (known.length === 0) return denyAll();
    return { afn, units: known };
  }

  private setParameters(units: readonly q1376.DataUnit[], _master: number): Answer {
    const items: q1376.ItemResult[] = [];
    for (const unit of units) {
      if (unit.kind === 'meter-table') {
        try {
          this.setMeterTable(unit.meters);
          items.push({ point: unit.point, fn: unit.fn, errorCode: 0 });
        } catch {
          items.push({ point: unit.point, fn: unit.fn, errorCode: 1 });
        }
      } else if (unit.kind === 'uplink-parameters') {
        this.uplinkParameters = unit;
        if (unit.heartbeatMinutes > 0) this.onHeartbeatMinutes?.(unit.heartbeatMinutes);
        items.push({ point: unit.point, fn: unit.fn, errorCode: 0 });
      } else if (unit.kind === 'master-address') {
        this.masterAddress = unit;
        items.push({ point: unit.point, fn: unit.fn, errorCode: 0 });
      } else {
        items.push({ point: unit.point, fn: unit.fn, errorCode: 1 });
      }
    }
    return itemAnswer(q1376.AFN.setParameters, items);
  }

  private queryParameter(unit: q1376.DataUnit): q1376.DataUnit[] {
    if (unit.kind === 'query' && unit.fn === 1 && this.uplinkParameters !== undefined)
      return [{ ...this.uplinkParameters, point: 0, fn: 1 }];
    if (unit.kind === 'query' && unit.fn === 3 && this.masterAddress !== undefined)
      return [{ ...this.masterAddress, point: 0, fn: 3 }];
    if (unit.kind !== 'meter-table-query') return [];
    const indexes = unit.indexes.length === 0 ? [...this.table.keys()].sort((a, b) => a - b) : unit.indexes;
    const meters = indexes.flatMap((index) => {
      const row = this.table.get(index);
      return row === undefined ? [] : [row];
    });
    return [{ kind: 'meter-table', point: 0, fn: 10, meters }];
  }

  private control(units: readonly q1376.DataUnit[]): Answer {
    const items: q1376.ItemResult[] = [];
    const simMs = this.clock.now();
    for (const unit of units) {
      let ok = false;
      if (unit.kind === 'time-sync') {
        const t = unit.time;
        this.clockOffsetMs = fromMeterDateTime(t, this.utcOffsetMinutes) - simMs;
        ok = true;
      } else if (unit.kind === 'trip' || unit.kind === 'allow-close') {
        // The control round pn is read as the measuring point whose meter's relay it drives.
        const meter = this.meterOfPoint(unit.point);
        if (meter !== undefined && !meter.poweredDown && this.channel.exchange())
          ok = remoteControl(
            meter,
            simMs,
            unit.kind === 'trip' ? 'trip' : 'close-permit',
            CONCENTRATOR_OPERATOR,
          );
      } else if (unit.kind === 'allow-active-report' || unit.kind === 'pause-reading') {
        ok = true;
      }
      items.push({ point: unit.point, fn: unit.fn, errorCode: ok ? 0 : 1 });
    }
    return itemAnswer(q1376.AFN.control, items);
  }

  private class1(unit: q1376.DataUnit): q1376.DataUnit | undefined {
    if (unit.kind !== 'query') return undefined;
    const { point, fn } = unit;
    if (fn === 2) return { kind: 'terminal-clock', point, fn, time: this.clockTime() };
    const reading = this.memory.get(point)?.current;
    if (fn === 129)
      return {
        kind: 'current-forward-active',
        point,
        fn,
        readAt: reading === undefined ? null : this.minuteTime(reading.atMs),
        forwardActiveDeciWh: tariffs14(reading?.forwardActiveWh),
      };
    if (fn === 33) return { kind: 'current-forward-registers', point, fn, ...this.registers(reading) };
    if (fn === 25) return this.instantValues(point);
    return undefined;
  }

  private registers(reading: Reading | undefined): q1376.ForwardRegisters {
    return {
      readAt: reading === undefined ? null : this.minuteTime(reading.atMs),
      forwardActiveDeciWh: tariffs14(reading?.forwardActiveWh),
      forwardReactiveDeciVarh: tariffs11(reading?.reactive1Wh),
      quadrant1ReactiveDeciVarh: tariffs11(reading?.quadrant1Wh),
      quadrant4ReactiveDeciVarh: tariffs11(reading?.quadrant4Wh),
    };
  }

  private instantValues(point: number): q1376.InstantValues {
    const meter = this.meterOfPoint(point);
    const reading = this.memory.get(point)?.current;
    const none = { a: null, b: null, c: null };
    const noneTotal = { total: null, ...none };
    if (meter === undefined || reading === undefined)
      return {
        kind: 'instant-values',
        point,
        fn: 25,
        readAt: null,
        activePowerDeciW: noneTotal,
        reactivePowerDeciVar: noneTotal,
        powerFactorPermille: noneTotal,
        voltageDeciV: none,
        currentMilliA: none,
        neutralCurrentMilliA: null,
        apparentPowerDeciVa: noneTotal,
      };
    const e = meter.electrical;
    const phase = (values: readonly number[], scale: number, max: number) => {
      const at = (i: number) =>
        values[i] === undefined ? null : clamp(Math.round((values[i] as number) * scale), max);
      return { a: at(0), b: at(1), c: at(2) };
    };
    const w = (v: number) => clamp(Math.round(v * 10), 799_999);
    return {
      kind: 'instant-values',
      point,
      fn: 25,
      readAt: this.minuteTime(reading.atMs),
      activePowerDeciW: { total: w(e.totalActiveW), ...phase(e.activeW, 10, 799_999) },
      reactivePowerDeciVar: { total: w(e.totalReactiveVar), ...phase(e.reactiveVar, 10, 799_999) },
      powerFactorPermille: {
        total: clamp(Math.round(e.totalPowerFactor * 1000), 1000),
        ...phase(e.powerFactor, 1000, 1000),
      },
      voltageDeciV: phase(e.voltageV, 10, 9999),
      currentMilliA: phase(e.currentA, 1000, 799_999),
      neutralCurrentMilliA: clamp(Math.round(e.neutralA * 1000), 799_999),
      apparentPowerDeciVa: { total: w(e.totalApparentVA), a: null, b: null, c: null },
    };
  }

  private class2(unit: q1376.DataUnit): q1376.DataUnit | undefined {
    const memory = this.memory.get(unit.point);
    if (unit.kind === 'daily-query') {
      const { point, fn, day } = unit;
      const key = this.localDay(
        fromMeterDateTime({ year: day.year, month: day.month, day: day.day }, this.utcOffsetMinutes),
      );
      const freeze = memory?.daily.get(key);
      if (fn === 161)
        return {
          kind: 'daily-forward-active',
          point,
          fn,
          day,
          readAt: freeze === undefined ? null : this.minuteTime(freeze.atMs),
          forwardActiveDeciWh: tariffs14(freeze?.forwardActiveWh),
        };
      if (fn === 1) return { kind: 'daily-forward-registers', point, fn, day, ...this.registers(freeze) };
      if (fn === 5)
        return {
          kind: 'daily-forward-active-consumption',
          point,
          fn,
          day,
          forwardActiveDeciWh: consumption(freeze, memory?.daily.get(key - 1)),
        };
      return undefined;
    }
    if (unit.kind === 'monthly-query') {
      const { point, fn, month } = unit;
      const key = month.year * 12 + month.month - 1;
      const freeze = memory?.monthly.get(key);
      if (fn === 177)
        return {
          kind: 'monthly-forward-active',
          point,
          fn,
          month,
          readAt: freeze === undefined ? null : this.minuteTime(freeze.atMs),
          forwardActiveDeciWh: tariffs14(freeze?.forwardActiveWh),
        };
      if (fn === 21)
        return {
          kind: 'monthly-forward-active-consumption',
          point,
          fn,
          month,
          forwardActiveDeciWh: consumption(freeze, memory?.monthly.get(key - 1)),
        };
    }
    return undefined;
  }

  private eventsAnswer(query: q1376.EventsQuery): q1376.Events {
    // Every record it keeps is an important one (EC1); the normal ring (F2) stays empty.
    if (query.fn !== 1)
      return {
        kind: 'events',
        point: query.point,
        fn: query.fn,
        counter: 0,
        from: query.from,
        to: query.from,
        records: [],
      };
    const counter = this.eventCount % 256;
    const oldest = Math.max(0, this.eventCount - 256);
    const records: q1376.EventRecord[] = [];
    // Records Pm up to Pn (ring indexes), as far as they have been written.
    let to = query.from;
    for (let n = 0; n < q1376.recordCount(query.from, query.to); n++) {
      const index = (query.from + n) % 256;
      const absolute = this.absoluteIndex(index);
      if (absolute === undefined || absolute < oldest) break;
      records.push(this.events[absolute % 256] as q1376.EventRecord);
      to = (index + 1) % 256;
      this.eventsRead = Math.max(this.eventsRead, absolute + 1);
    }
    return { kind: 'events', point: query.point, fn: query.fn, counter, from: query.from, to, records };
  }

  /** The event number (since start) a ring index names, when it has been written. */
  private absoluteIndex(index: number): number | undefined {
    const count = this.eventCount;
    if (count === 0) return undefined;
    const last = count - 1;
    const absolute = last - ((last - index + 256 * 1024) % 256);
    return absolute >= 0 ? absolute : undefined;
  }

  private forward(request: q1376.ForwardRequest): q1376.ForwardReply {
    const empty = {
      kind: 'forward-reply',
      point: request.point,
      fn: 1,
      port: request.port,
      content: new Uint8Array(0),
    } as const;
    const frames = new Deframer().push(request.content);
    const first = frames.find((event) => event.kind === 'frame');
    if (first === undefined || first.kind !== 'frame') return empty;
    const simMs = this.clock.now();
    for (const wired of this.wired.values()) {
      if (wired.port !== request.port && request.port !== 0) continue;
      const reply = meterAnswer(wired.meter, first.frame, simMs);
      if (reply === undefined) continue;
      if (!this.channel.exchange()) return empty;
      return { ...empty, content: reply.frame };
    }
    return empty;
  }

  // ---- time ----

  private localMs(simMs: number): number {
    return simMs + this.utcOffsetMinutes * 60_000;
  }

  private localDay(simMs: number): number {
    return Math.floor(this.localMs(simMs) / DAY_MS);
  }

  minuteTime(simMs: number): q1376.MinuteTime {
    const t = toMeterDateTime(simMs, this.utcOffsetMinutes);
    return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute };
  }

  clockTime(): q1376.ClockTime {
    const t = toMeterDateTime(this.nowMs(), this.utcOffsetMinutes);
    return { ...t, weekday: t.weekday === 0 ? 7 : t.weekday };
  }
}

function isFields(value: DataValue | undefined): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prune(map: Map<number, Reading>, keep: number): void {
  if (map.size <= keep) return;
  const keys = [...map.keys()].sort((a, b) => a - b);
  for (const key of keys.slice(0, keys.length - keep)) map.delete(key);
}

/** Wh registers [total, t1…t4] in format 14's 0.1 Wh; EE (null) for a point not read. */
function tariffs14(wh: readonly number[] | undefined): q1376.TariffValues {
  if (wh === undefined) return { total: null, tariffs: new Array<null>(TARIFFS).fill(null) };
  return { total: (wh[0] ?? 0) * 10, tariffs: wh.slice(1, TARIFFS + 1).map((v) => v * 10) };
}

/** Format 11 holds 0.01 kWh: whole 10 Wh, in 0.1 Wh. */
function tariffs11(wh: readonly number[] | undefined): q1376.TariffValues {
  if (wh === undefined) return { total: null, tariffs: new Array<null>(TARIFFS).fill(null) };
  const step = (v: number) => Math.floor(v / 10) * 100;
  return { total: step(wh[0] ?? 0), tariffs: wh.slice(1, TARIFFS + 1).map(step) };
}

/** A period's consumption from its closing freeze and the one before (format 13 holds up to 9 999.9999 kWh). */
function consumption(end: Reading | undefined, start: Reading | undefined): q1376.TariffValues {
  if (end === undefined || start === undefined) return tariffs14(undefined);
  const diff = end.forwardActiveWh.map((v, i) =>
    Math.min(99_999_999, (v - (start.forwardActiveWh[i] ?? 0)) * 10),
  );
  return { total: diff[0] ?? 0, tariffs: diff.slice(1, TARIFFS + 1) };
}

function clamp(value: number, max: number): number {
  return Math.max(-max, Math.min(max, value));
}

function denyAll(): Answer {
  return { afn: q1376.AFN.confirm, units: [{ kind: 'deny-all', point: 0, fn: 2 }] };
}

function itemAnswer(afn: number, items: readonly q1376.ItemResult[]): Answer {
  if (items.length > 0 && items.every((item) => item.errorCode === 0))
    return { afn: q1376.AFN.confirm, units: [{ kind: 'confirm-all', point: 0, fn: 1 }] };
  if (items.length > 0 && items.every((item) => item.errorCode !== 0)) return denyAll();
  return { afn: q1376.AFN.confirm, units: [{ kind: 'item-results', point: 0, fn: 3, afn, items }] };
}
