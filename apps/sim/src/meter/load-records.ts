// 负荷记录 (DL/T 645-2007 Table A.7): at every recording interval of the meter's clock the meter keeps a block
// of the classes its mode word (04000901) selects and whose interval (04000A02-07) falls due. Values are stored
// as the integers the wire formats carry (0.1 V, mA, 0.01 Hz, 0.1 W, 0.001, 10 Wh), flat in one Int32Array ring
// per meter: a single-phase block takes 80 bytes, a three-phase one 120. The ring grows a day at a time, so a
// short run costs little; a full ring of the default 576 blocks (six days at 15 minutes) costs 45 or 67.5 KiB,
// which keeps a field of 10 000 meters (a fifth of them three-phase) under 500 MiB of records.
import type { LoadRecord, MeterDateTime } from '@openami/protocol';
import { LOAD_CLASS_COUNT } from '@openami/protocol';
import type { Electrical } from './electrical.ts';
import { fixed, kw, kwh, signedKwh } from './units.ts';

/** Blocks a meter keeps unless its configuration says otherwise: six days at the default 15 minutes. */
export const DEFAULT_LOAD_RECORDS_KEPT = 576;
export const DEFAULT_LOAD_INTERVAL_MIN = 15;
/** Every class recorded (bits 0-5 of 负荷记录模式字). */
export const DEFAULT_LOAD_MODE_WORD = 0x3f;
/** Intervals the simulated meter accepts (04000A02-07), in minutes. */
export const LOAD_INTERVAL_RANGE_MIN = { min: 1, max: 60 } as const;
const GROWTH = 96;

/** What the meter measured at the record time, with its registers then (Wh, W). */
export interface LoadSample {
  readonly electrical: Electrical;
  /** Forward, reverse active, combined reactive 1, 2, then quadrants I-IV, Wh (combined ones signed). */
  readonly energiesWh: readonly number[];
  /** 当前有功需量, negative while power flows backwards. */
  readonly demandW: number;
}

/** One kept block in the units of the wire formats, before it becomes a LoadRecord. */
interface Layout {
  readonly phases: number;
  readonly stride: number;
}

export class LoadRecords {
  modeWord = DEFAULT_LOAD_MODE_WORD;
  /** 负荷记录起始时间 (MMDDhhmm) as written; recording aligns to the interval from local midnight. */
  startTime: MeterDateTime = { month: 1, day: 1, hour: 0, minute: 0 };
  readonly intervalsMin: number[] = new Array(LOAD_CLASS_COUNT).fill(DEFAULT_LOAD_INTERVAL_MIN);

  private readonly layout: Layout;
  private readonly kept: number;
  private ring = new Int32Array(0);
  /** Ring index of the oldest block, and how many are kept. */
  private head = 0;
  private size = 0;

  constructor(phases: 1 | 3, kept = DEFAULT_LOAD_RECORDS_KEPT) {
    // time, mask, V, I per phase, f, P and Q total + phases, PF total + phases, 8 energies, demand.
    const perPhaseGroups = phases === 1 ? 1 : 3;
    const totals = phases === 1 ? 2 : 4;
    this.layout = { phases, stride: 2 + 2 * perPhaseGroups + 1 + 3 * totals + 8 + 1 };
    this.kept = kept;
  }

  get count(): number {
    return this.size;
  }

  /** The classes (bit n = class n+1) due at local minute `localMinute` (minutes since the epoch, local). */
  classesDue(localMinute: number): number {
    let mask = 0;
    for (let i = 0; i < LOAD_CLASS_COUNT; i++) {
      const interval = this.intervalsMin[i] as number;
      if ((this.modeWord >> i) & 1 && localMinute % interval === 0) mask |= 1 << i;
    }
    return mask;
  }

  /** Keeps a block for meter-clock minute `minute` (epoch minutes, UTC) of the classes in `mask`. */
  add(minute: number, mask: number, sample: LoadSample): void {
    const at = this.slotForNext();
    const ring = this.ring;
    const e = sample.electrical;
    const phases = this.layout.phases;
    let i = at;
    ring[i++] = minute;
    ring[i++] = mask;
    for (let p = 0; p < phases; p++) ring[i++] = scaled(fixed(e.voltageV[p] as number, 1, 2, false), 1);
    for (let p = 0; p < phases; p++) ring[i++] = scaled(fixed(e.currentA[p] as number, 3, 3, true), 3);
    ring[i++] = scaled(fixed(e.frequencyHz, 2, 2, false), 2);
    const withPhases = (total: number, values: readonly number[], toWire: (v: number) => number) => {
      ring[i++] = toWire(total);
      for (let p = 0; p < phases; p++) ring[i++] = toWire(values[p] as number);
    };
    withPhases(e.totalActiveW, e.activeW, (w) => scaled(kw(w), 4));
    withPhases(e.totalReactiveVar, e.reactiveVar, (w) => scaled(kw(w), 4));
    withPhases(e.totalPowerFactor, e.powerFactor, (pf) => scaled(fixed(pf, 3, 2, true), 3));
    sample.energiesWh.forEach((wh, k) => {
      // Combined reactive 1 and 2 (k = 2, 3) are signed in Table A.1.
      ring[i++] = scaled(k === 2 || k === 3 ? signedKwh(wh) : kwh(wh), 2);
    });
    ring[i++] = scaled(kw(sample.demandW), 4);
  }

  /** The kept blocks' indexes (0 = oldest) whose classes meet `classMask`, oldest first. */
  indexes(classMask: number): number[] {
    const result: number[] = [];
    for (let n = 0; n < this.size; n++) if (this.maskAt(n) & classMask) result.push(n);
    return result;
  }

  /** Meter-clock epoch minute of the n-th kept block (0 = oldest). */
  minuteAt(n: number): number {
    return this.ring[this.offsetOf(n)] as number;
  }

  maskAt(n: number): number {
    return this.ring[this.offsetOf(n) + 1] as number;
  }

  /** The n-th kept block (0 = oldest) with the classes of `classMask` it holds; the others are null. */
  block(n: number, classMask: number, time: MeterDateTime): LoadRecord {
    const ring = this.ring;
    const phases = this.layout.phases;
    const present = this.maskAt(n) & classMask;
    let i = this.offsetOf(n) + 2;
    const take = (count: number, decimals: number) => {
      const values: (number | null)[] = [];
      for (let k = 0; k < count; k++) values.push(unscaled(ring[i++] as number, decimals));
      return values;
    };
    const threePhase = (values: (number | null)[]) =>
      phases === 3 ? values : [values[0] ?? null, null, null];
    const totalAndPhases = (values: (number | null)[]) =>
      phases === 3 ? values : [values[0] ?? null, values[1] ?? null, null, null];
    const voltageV = threePhase(take(phases, 1));
    const currentA = threePhase(take(phases, 3));
    const frequencyHz = unscaled(ring[i++] as number, 2);
    const totals = phases === 3 ? 4 : 2;
    const activeKw = totalAndPhases(take(totals, 4));
    const reactiveKvar = totalAndPhases(take(totals, 4));
    const powerFactor = totalAndPhases(take(totals, 3));
    const energies = take(8, 2);
    const demandKw = unscaled(ring[i++] as number, 4);
    const has = (loadClass: number) => (present & (1 << (loadClass - 1))) !== 0;
    return {
      time,
      voltageCurrent: has(1) ? { voltageV, currentA, frequencyHz } : null,
      power: has(2) ? { activeKw, reactiveKvar } : null,
      powerFactor: has(3) ? powerFactor : null,
      energy: has(4)
        ? {
            forwardActiveKwh: energies[0] ?? null,
            reverseActiveKwh: energies[1] ?? null,
            combinedReactive1Kvarh: energies[2] ?? null,
            combinedReactive2Kvarh: energies[3] ?? null,
          }
        : null,
      quadrantReactiveKvarh: has(5) ? energies.slice(4, 8) : null,
      // The simulated meter does not measure reactive demand (02800005): all FFH.
      demand: has(6) ? { activeKw: demandKw, reactiveKvar: null } : null,
    };
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  private offsetOf(n: number): number {
    const capacity = this.ring.length / this.layout.stride;
    return ((this.head + n) % capacity) * this.layout.stride;
  }

  /** The ring offset for a new block: grows the ring a day at a time, then overwrites the oldest. */
  private slotForNext(): number {
    const stride = this.layout.stride;
    const capacity = this.ring.length / stride;
    if (this.size === capacity && capacity < this.kept) {
      const grown = new Int32Array(Math.min(this.kept, capacity + GROWTH) * stride);
      for (let n = 0; n < this.size; n++)
        grown.set(this.ring.subarray(this.offsetOf(n), this.offsetOf(n) + stride), n * stride);
      this.ring = grown;
      this.head = 0;
    }
    if (this.size < this.ring.length / stride) return this.offsetOf(this.size++);
    const at = this.offsetOf(0);
    this.head = (this.head + 1) % (this.ring.length / stride);
    return at;
  }
}

function scaled(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals);
}

function unscaled(value: number, decimals: number): number {
  return value / 10 ** decimals;
}
