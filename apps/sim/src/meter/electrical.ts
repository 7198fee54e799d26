// Instantaneous quantities of a meter (DL/T 645-2007 Table A.3) from what flows through it. The meter sees
// the secondary side of its transformers: primary power / multiplier. Its line current is what passes the
// meter; its neutral current is what returns, which is where a bypass shows (003: line vs neutral current).
import { hashUnit } from '../random.ts';
import { MINUTE_MS } from '../time/local-time.ts';

export interface Electrical {
  readonly voltageV: readonly number[];
  /** Signed: negative when power flows backwards through the meter. */
  readonly currentA: readonly number[];
  readonly activeW: readonly number[];
  readonly reactiveVar: readonly number[];
  readonly powerFactor: readonly number[];
  /** Angle of current behind voltage, 0-360°. */
  readonly phaseAngleDeg: readonly number[];
  readonly totalActiveW: number;
  readonly totalReactiveVar: number;
  readonly totalApparentVA: number;
  readonly totalPowerFactor: number;
  readonly frequencyHz: number;
  readonly neutralA: number;
}

export interface ElectricalInput {
  readonly phases: 1 | 3;
  readonly nominalVoltageV: number;
  readonly seed: number;
  readonly epochMs: number;
  /** Primary power the premises draw through the supply (0 when the relay is open or power is down). */
  readonly suppliedW: number;
  /** Share of the supplied current that passes the meter's line element (1 unless bypassed). */
  readonly meteredShare: number;
  readonly multiplier: number;
  readonly powerFactor: number;
  /** Wired backwards: power measured negative. */
  readonly reversed: boolean;
  /** Share of the load on each phase of a three-phase meter. */
  readonly phaseWeights: readonly number[];
  /** Supply present at the meter's terminals. */
  readonly powered: boolean;
}

const QUARTER_MS = 15 * MINUTE_MS;
const TWO_PI_THIRDS = (2 * Math.PI) / 3;

export function electricalState(input: ElectricalInput): Electrical {
  const sign = input.reversed ? -1 : 1;
  const quarter = Math.floor(input.epochMs / QUARTER_MS);
  const minute = Math.floor(input.epochMs / MINUTE_MS);
  const phi = Math.acos(input.powerFactor);
  const tanPhi = Math.tan(phi);
  const weights = input.phases === 1 ? [1] : input.phaseWeights;
  const voltageV: number[] = [];
  const currentA: number[] = [];
  const activeW: number[] = [];
  const reactiveVar: number[] = [];
  const powerFactor: number[] = [];
  const phaseAngleDeg: number[] = [];
  let neutralRe = 0;
  let neutralIm = 0;
  for (let phase = 0; phase < weights.length; phase++) {
    const weight = weights[phase] as number;
    const suppliedSecondaryW = (input.suppliedW * weight) / input.multiplier;
    // Grid voltage wanders ±3 % over the day and sags a little under load.
    const wander = 0.97 + 0.06 * hashUnit(input.seed, quarter, 10 + phase);
    const sag = 1 - Math.min(0.02, suppliedSecondaryW / 500_000);
    const volts = input.powered ? input.nominalVoltageV * wander * sag : 0;
    const meteredW = suppliedSecondaryW * input.meteredShare;
    const amps = volts > 0 ? meteredW / (volts * input.powerFactor) : 0;
    const fullAmps = volts > 0 ? suppliedSecondaryW / (volts * input.powerFactor) : 0;
    voltageV.push(volts);
    currentA.push(sign * amps);
    activeW.push(sign * meteredW);
    reactiveVar.push(sign * meteredW * tanPhi);
    powerFactor.push(meteredW > 0 ? sign * input.powerFactor : 1);
    phaseAngleDeg.push(meteredW > 0 ? ((input.reversed ? 180 : 0) + (phi * 180) / Math.PI) % 360 : 0);
    const angle = -phase * TWO_PI_THIRDS - phi;
    neutralRe += fullAmps * Math.cos(angle);
    neutralIm += fullAmps * Math.sin(angle);
  }
  const totalActiveW = activeW.reduce((sum, w) => sum + w, 0);
  const totalReactiveVar = reactiveVar.reduce((sum, q) => sum + q, 0);
  const totalApparentVA = Math.hypot(totalActiveW, totalReactiveVar);
  return {
    voltageV,
    currentA,
    activeW,
    reactiveVar,
    powerFactor,
    phaseAngleDeg,
    totalActiveW,
    totalReactiveVar,
    totalApparentVA,
    totalPowerFactor: totalApparentVA > 0 ? totalActiveW / totalApparentVA : 1,
    frequencyHz: input.powered ? 49.95 + 0.1 * hashUnit(input.seed, minute, 20) : 0,
    neutralA: Math.hypot(neutralRe, neutralIm),
  };
}
