/**
 * Abnormal use (003 §5.4.3 a, "异常用电行为"), judged from a meter's daily energy once a day has closed:
 * no consumption for days on end while the relay is closed and the meter is read (an empty flat, or a
 * bypass around the meter), and a day far above the meter's own history. Pure: the days come in, a verdict
 * goes out.
 */
import type { AlarmParams } from './alarm-rules.ts';
import type { Observation } from './alarms.ts';

export interface DailyEnergy {
  /** Site-local `YYYY-MM-DD`. */
  readonly day: string;
  readonly energyWh: number;
  /** Readings taken in the day: 0 means the meter was not read that day. */
  readonly samples: number;
}

/** `unknown`: the days do not allow a verdict (not read, too little history); an open alarm stays as it is. */
export type UseVerdict =
  | { readonly state: 'present' | 'absent'; readonly evidence: Readonly<Record<string, unknown>> }
  | { readonly state: 'unknown'; readonly reason: string };

/** `YYYY-MM-DD` plus `days` (may be negative), by the calendar. */
export function addDaysToDate(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * No consumption: each of the `days` days ending with `closedDay` was read and used less than
 * `noneBelowWh`, and the relay is not known to be open (a tripped meter using nothing is expected).
 */
export function judgeNoConsumption(
  daily: readonly DailyEnergy[],
  closedDay: string,
  params: AlarmParams,
  relayOpen: boolean | undefined,
): UseVerdict {
  const days = params.days ?? 3;
  const noneBelowWh = params.noneBelowWh ?? 10;
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const closed = byDay.get(closedDay);
  if (closed === undefined || closed.samples === 0)
    return { state: 'unknown', reason: `${closedDay} was not read` };
  if (closed.energyWh >= noneBelowWh)
    return { state: 'absent', evidence: { closedDay, energyWh: closed.energyWh, noneBelowWh } };
  const window: DailyEnergy[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const day = byDay.get(addDaysToDate(closedDay, -back));
    // A day not read tells nothing either way.
    if (day === undefined || day.samples === 0)
      return { state: 'unknown', reason: `${addDaysToDate(closedDay, -back)} was not read` };
    window.push(day);
  }
  const evidence = {
    closedDay,
    days: window.map((d) => ({ day: d.day, energyWh: d.energyWh })),
    noneBelowWh,
    relayOpen: relayOpen ?? null,
  };
  const none = window.every((d) => d.energyWh < noneBelowWh);
  return { state: none && relayOpen !== true ? 'present' : 'absent', evidence };
}

/** The median of the values (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * A spike: the closed day used more than `factor` × the median of the read days among the `historyDays`
 * before it, and at least `floorWh` (so a flat that uses 0.3 kWh a day does not alarm at 1 kWh). With fewer
 * than `minHistoryDays` read days before it there is no verdict.
 */
export function judgeConsumptionSpike(
  daily: readonly DailyEnergy[],
  closedDay: string,
  params: AlarmParams,
): UseVerdict {
  const factor = params.factor ?? 3;
  const historyDays = params.historyDays ?? 30;
  const minHistoryDays = params.minHistoryDays ?? 7;
  const floorWh = params.floorWh ?? 10_000;
  const day = daily.find((d) => d.day === closedDay);
  if (day === undefined || day.samples === 0)
    return { state: 'unknown', reason: `${closedDay} was not read` };
  const from = addDaysToDate(closedDay, -historyDays);
  const history = daily.filter((d) => d.day >= from && d.day < closedDay && d.samples > 0);
  if (history.length < minHistoryDays)
    return { state: 'unknown', reason: `${history.length} day(s) of history, ${minHistoryDays} needed` };
  const medianWh = median(history.map((d) => d.energyWh));
  const limitWh = Math.max(floorWh, factor * medianWh);
  const evidence = {
    closedDay,
    energyWh: day.energyWh,
    medianWh,
    historyDays: history.length,
    factor,
    floorWh,
    limitWh,
  };
  return {
    state: day.energyWh > factor * medianWh && day.energyWh >= floorWh ? 'present' : 'absent',
    evidence,
  };
}

/** A verdict as the engine's observation (none for `unknown`). */
export function useObservation(
  kind: 'no-consumption' | 'consumption-spike',
  meterId: string,
  verdict: UseVerdict,
): Observation | undefined {
  if (verdict.state === 'unknown') return undefined;
  return { kind, objectId: meterId, present: verdict.state === 'present', evidence: verdict.evidence };
}
