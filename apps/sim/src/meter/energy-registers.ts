// Energy registers (电能量, DL/T 645-2007 Table A.1): integer Wh per kind and per tariff. Power integrates
// into a fractional residue per register and only whole Wh reach the register, as a meter counts pulses.
import { TARIFF_COUNT } from './tariff.ts';

/** The kinds the simulator measures, in the order of DI2 01H-08H less the combined ones. */
export const ENERGY_KIND = {
  forwardActive: 0,
  reverseActive: 1,
  q1Reactive: 2,
  q2Reactive: 3,
  q3Reactive: 4,
  q4Reactive: 5,
} as const;
export const ENERGY_KIND_COUNT = 6;

/** Registers of one instant: [kind][0 total, 1…4 tariffs], Wh. */
export type EnergySnapshot = readonly (readonly number[])[];

export class EnergyRegisters {
  readonly wh: number[][];
  /** Per phase A, B, C: [forward, reverse] totals. */
  readonly phaseWh: number[][];
  private readonly residue: number[];
  private readonly phaseResidue: number[][];

  constructor(initialForwardWh = 0) {
    this.wh = Array.from({ length: ENERGY_KIND_COUNT }, () => new Array<number>(TARIFF_COUNT + 1).fill(0));
    this.phaseWh = Array.from({ length: 3 }, () => [0, 0]);
    this.residue = new Array<number>(ENERGY_KIND_COUNT).fill(0);
    this.phaseResidue = Array.from({ length: 3 }, () => [0, 0]);
    const forward = this.wh[ENERGY_KIND.forwardActive] as number[];
    forward[0] = initialForwardWh;
    forward[3] = initialForwardWh;
  }

  /** Adds `wh` (fractional) to a kind in a tariff; returns the whole Wh that reached the register. */
  add(kind: number, tariff: number, wh: number): number {
    const residue = (this.residue[kind] as number) + wh;
    const whole = Math.floor(residue);
    this.residue[kind] = residue - whole;
    if (whole > 0) {
      const registers = this.wh[kind] as number[];
      registers[0] = (registers[0] as number) + whole;
      registers[tariff] = (registers[tariff] as number) + whole;
    }
    return whole;
  }

  addPhase(phase: number, reverse: boolean, wh: number): void {
    const residues = this.phaseResidue[phase] as number[];
    const index = reverse ? 1 : 0;
    const residue = (residues[index] as number) + wh;
    const whole = Math.floor(residue);
    residues[index] = residue - whole;
    const registers = this.phaseWh[phase] as number[];
    registers[index] = (registers[index] as number) + whole;
  }

  total(kind: number): number {
    return (this.wh[kind] as number[])[0] as number;
  }

  /** 组合有功 with the default combination word (05H: forward plus reverse). */
  combinedActive(tariff = 0): number {
    return (
      ((this.wh[ENERGY_KIND.forwardActive] as number[])[tariff] as number) +
      ((this.wh[ENERGY_KIND.reverseActive] as number[])[tariff] as number)
    );
  }

  snapshot(): EnergySnapshot {
    return this.wh.map((registers) => [...registers]);
  }

  clear(): void {
    for (const registers of this.wh) registers.fill(0);
    for (const registers of this.phaseWh) registers.fill(0);
    this.residue.fill(0);
    for (const residues of this.phaseResidue) residues.fill(0);
  }
}

/** One kind's [total, tariffs…] from a snapshot. */
export function snapshotKind(snapshot: EnergySnapshot, kind: number): readonly number[] {
  return snapshot[kind] as readonly number[];
}
