// The energy kinds of DL/T 645-2007 Table A.1 (DI2 00H-08H) from a meter's registers: combined active,
// forward and reverse active, combined reactive 1 and 2, reactive per quadrant. Read by both editions'
// answers and by the meter's load records, so it imports none of them.
import { ENERGY_KIND, type EnergySnapshot } from './energy-registers.ts';

/** One energy kind (DI2 of Table A.1, 00H-08H) as [total, tariff 1…4] Wh, from a snapshot. */
export function kindValues(snapshot: EnergySnapshot, kind: number): readonly number[] | undefined {
  const get = (k: number) => snapshot[k] as readonly number[];
  const sum = (a: number, b: number) => get(a).map((wh, i) => wh + (get(b)[i] as number));
  switch (kind) {
    case 0x00:
      return sum(ENERGY_KIND.forwardActive, ENERGY_KIND.reverseActive);
    case 0x01:
      return get(ENERGY_KIND.forwardActive);
    case 0x02:
      return get(ENERGY_KIND.reverseActive);
    case 0x03:
      return sum(ENERGY_KIND.q1Reactive, ENERGY_KIND.q2Reactive);
    case 0x04:
      return sum(ENERGY_KIND.q3Reactive, ENERGY_KIND.q4Reactive);
    case 0x05:
    case 0x06:
    case 0x07:
    case 0x08:
      return get(ENERGY_KIND.q1Reactive + kind - 0x05);
    default:
      return undefined;
  }
}
