import type { PeriodName } from './tariff.ts';

/**
 * Which period each of a meter's tariff registers counts (DL/T 645-2007 正向有功费率1–4电能, 0001xx00). The
 * protocol numbers the registers without naming them; State Grid smart meters count 费率1 = 尖, 费率2 = 峰,
 * 费率3 = 平, 费率4 = 谷, the default here. A meter type that orders them otherwise passes its own order.
 */
export const stateGridTariffOrder: readonly PeriodName[] = ['sharp', 'peak', 'flat', 'valley'];

/** One reading of a meter's energy registers, customer Wh (already × multiplier). */
export interface EnergyRegisters {
  readonly totalWh: number;
  /** 费率1–4 as read; null where the meter did not answer or has fewer tariffs. */
  readonly tariffWh: readonly (number | null)[];
}

export type PeriodEnergy =
  | {
      readonly ok: true;
      readonly byPeriodWh: Readonly<Partial<Record<PeriodName, number>>>;
      /** Total energy no tariff register accounts for (registers missing, or rounding in the meter). */
      readonly unassignedWh: number;
    }
  | { readonly ok: false; readonly reason: 'register_went_back'; readonly register: string };

/**
 * The energy used between two readings, period by period, for pricing by `priceEnergy` (remote fee control:
 * the balance falls with each reading priced by the tariff). A register that went backwards is not usage: the
 * meter was replaced, cleared or rolled over, and the caller must handle that as its own case rather than
 * price a negative or a wrapped number.
 */
export function periodEnergyBetween(
  previous: EnergyRegisters,
  current: EnergyRegisters,
  order: readonly PeriodName[] = stateGridTariffOrder,
): PeriodEnergy {
  const totalWh = current.totalWh - previous.totalWh;
  if (totalWh < 0) return { ok: false, reason: 'register_went_back', register: 'total' };
  const byPeriodWh: Partial<Record<PeriodName, number>> = {};
  let assigned = 0;
  for (let i = 0; i < order.length; i += 1) {
    const before = previous.tariffWh[i];
    const after = current.tariffWh[i];
    const period = order[i];
    if (before == null || after == null || period === undefined) continue;
    const used = after - before;
    if (used < 0) return { ok: false, reason: 'register_went_back', register: `tariff${i + 1}` };
    if (used === 0) continue;
    byPeriodWh[period] = (byPeriodWh[period] ?? 0) + used;
    assigned += used;
  }
  return { ok: true, byPeriodWh, unassignedWh: Math.max(0, totalWh - assigned) };
}
