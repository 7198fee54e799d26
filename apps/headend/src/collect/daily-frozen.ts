// Collecting a meter's missing daily freezes (gap filling): for each missing day, find the freeze the meter
// took that day by its freeze time, then read its forward and reverse active energies. Days the meter did not
// freeze (it was without power at midnight) are reported as such, not guessed.
import { fromLocal, kWhToWh } from '@openami/domain';
import type { DataValue, MeterDateTime } from '@openami/protocol';
import type { DailyFrozenReading } from '@openami/storage';
import { ExchangeError } from '../link/exchange-error.ts';
import type { MeterClient, MeterTarget } from '../link/meter-client.ts';
import { DAILY_FREEZES_KEPT, dailyFreezeItems, type GapReport } from '../plans/daily-frozen-gaps.ts';
import { combineReasons, type Reason } from '../reasons.ts';

export interface DailyFreeze {
  readonly date: string;
  /** The freeze time as the meter recorded it. */
  readonly frozenAt: MeterDateTime;
  /** Total and per-tariff forward active energy, kWh as the meter reports it. */
  readonly forwardActive: readonly DataValue[];
  readonly reverseActive: readonly DataValue[];
}

/** A day with no freeze to collect: why in English (for logs), and as a code for people. */
export interface DayMissing {
  readonly date: string;
  readonly reason: string;
  readonly why: Reason;
}

export interface DailyFrozenOutcome {
  readonly freezes: readonly DailyFreeze[];
  /** Days the meter holds no freeze for, and days past what it keeps. */
  readonly missing: readonly DayMissing[];
  readonly failure?: ExchangeError;
}

export async function collectDailyFreezes(
  client: MeterClient,
  target: MeterTarget,
  gaps: GapReport,
): Promise<DailyFrozenOutcome> {
  const freezes: DailyFreeze[] = [];
  const missing: DayMissing[] = gaps.lost.map((date) => ({
    date,
    reason: `older than the ${DAILY_FREEZES_KEPT} days the meter keeps`,
    why: { code: 'freeze-too-old', params: { kept: DAILY_FREEZES_KEPT, days: [date] } },
  }));
  const timeOf = new Map<number, MeterDateTime | null>();
  const freezeTime = async (n: number): Promise<MeterDateTime | null> => {
    if (!timeOf.has(n)) timeOf.set(n, await readFreezeTime(client, target, n));
    return timeOf.get(n) ?? null;
  };
  // A record never written reads as all FF ("not available"): no date.
  const freezeDate = async (n: number): Promise<string> => {
    const time = await freezeTime(n);
    return time === null ? '' : `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  };
  try {
    for (const { date, nthLast } of gaps.fillable) {
      // Freezes are kept newest first; if the meter skipped days, the wanted one sits at a smaller n.
      let n = nthLast;
      let found = await freezeDate(n);
      while (found !== date && n > 1 && (found === '' || found < date)) found = await freezeDate(--n);
      if (found !== date) {
        missing.push({
          date,
          reason: 'the meter has no freeze for this day (no power at midnight?)',
          why: { code: 'no-freeze', params: { days: [date] } },
        });
        continue;
      }
      const items = dailyFreezeItems(n);
      const forward = (await client.read(target, items.forward)).item.value;
      const reverse = (await client.read(target, items.reverse)).item.value;
      const frozenAt = (await freezeTime(n)) as MeterDateTime;
      freezes.push({ date, frozenAt, forwardActive: asList(forward), reverseActive: asList(reverse) });
    }
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error;
    return { freezes, missing, failure: error };
  }
  return { freezes, missing };
}

/** The missing days as one reason: the days past what the meter keeps, and the days it never froze. */
export function missingDaysReason(missing: readonly DayMissing[]): Reason | null {
  const daysOf = (code: Reason['code']) => missing.filter((m) => m.why.code === code).map((m) => m.date);
  const tooOld = daysOf('freeze-too-old');
  const unfrozen = daysOf('no-freeze');
  const reasons: Reason[] = [];
  if (tooOld.length > 0)
    reasons.push({ code: 'freeze-too-old', params: { kept: DAILY_FREEZES_KEPT, days: tooOld } });
  if (unfrozen.length > 0) reasons.push({ code: 'no-freeze', params: { days: unfrozen } });
  return combineReasons(reasons);
}

/** The n-th last freeze's time; null when the meter holds no such freeze (all FF, or "no requested data"). */
async function readFreezeTime(
  client: MeterClient,
  target: MeterTarget,
  n: number,
): Promise<MeterDateTime | null> {
  try {
    return (await client.read(target, dailyFreezeItems(n).time)).item.value as MeterDateTime | null;
  } catch (error) {
    if (error instanceof ExchangeError && error.reason === 'device-error') return null;
    throw error;
  }
}

function asList(value: DataValue): readonly DataValue[] {
  return Array.isArray(value) ? (value as readonly DataValue[]) : [value];
}

function pad(value: number | undefined): string {
  return String(value ?? 0).padStart(2, '0');
}

/** The store's rows for collected freezes; a freeze without a total or a dated freeze time is left out. */
export function dailyFreezeRows(
  meterId: number,
  freezes: readonly DailyFreeze[],
  timeZone: string,
  receivedAt: number,
): DailyFrozenReading[] {
  return freezes.flatMap((freeze) => {
    const [total, ...tariffs] = freeze.forwardActive;
    if (typeof total !== 'number' || freeze.frozenAt.year === undefined) return [];
    const tariffWh = (i: number) => (typeof tariffs[i] === 'number' ? kWhToWh(tariffs[i] as number) : null);
    return [
      {
        meterId,
        day: freeze.date,
        frozenAt: fromLocal(
          {
            year: freeze.frozenAt.year,
            month: freeze.frozenAt.month ?? 1,
            day: freeze.frozenAt.day ?? 1,
            hour: freeze.frozenAt.hour ?? 0,
            minute: freeze.frozenAt.minute ?? 0,
          },
          timeZone,
        ),
        activeImportWh: kWhToWh(total),
        tariff1Wh: tariffWh(0),
        tariff2Wh: tariffWh(1),
        tariff3Wh: tariffWh(2),
        tariff4Wh: tariffWh(3),
        receivedAt,
      },
    ];
  });
}
