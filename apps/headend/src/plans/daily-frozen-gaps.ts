// Gap filling for daily frozen values (DL/T 645-2007 Table A.6: a meter keeps its last 62 daily freezes,
// 05 06 xx 01 … 05 06 xx 3E). Days the store lacks are re-read while the meter still holds them; older ones
// are reported as lost. A day's freeze is taken at its local midnight (日冻结时间, 00:00 by default), so the
// freeze of today is the 1st last, yesterday's the 2nd, and so on. A meter only freezes while powered, so the
// n-th last freeze is not always n − 1 days ago: the freeze time (05 06 00 nn) is read first and the record is
// kept under the date it names.
import { addDays } from '@openami/domain';

export const DAILY_FREEZES_KEPT = 62;

export interface GapReport {
  /** Missing days the meter may still hold, oldest first, with the freeze to try first (n-th last). */
  readonly fillable: readonly { readonly date: string; readonly nthLast: number }[];
  /** Missing days older than the meter keeps: no longer collectable. */
  readonly lost: readonly string[];
}

/**
 * The freeze days from `since` (the meter's installation, or the window's start) through `today` (the site's
 * local date) that `stored` lacks.
 */
export function dailyFrozenGaps(
  stored: ReadonlySet<string>,
  since: string,
  today: string,
  kept = DAILY_FREEZES_KEPT,
): GapReport {
  const fillable: { date: string; nthLast: number }[] = [];
  const lost: string[] = [];
  for (let date = since; date <= today; date = addDays(date, 1)) {
    if (stored.has(date)) continue;
    const nthLast = daysBetween(date, today) + 1;
    if (nthLast > kept) lost.push(date);
    else fillable.push({ date, nthLast });
  }
  return { fillable, lost };
}

/** The identifiers for the n-th last daily freeze: its time, forward and reverse active energy. */
export function dailyFreezeItems(nthLast: number): { time: number; forward: number; reverse: number } {
  if (!Number.isInteger(nthLast) || nthLast < 1 || nthLast > DAILY_FREEZES_KEPT) {
    throw new Error(`a meter keeps daily freezes 1 to ${DAILY_FREEZES_KEPT}, not ${nthLast}`);
  }
  return { time: 0x05060000 + nthLast, forward: 0x05060100 + nthLast, reverse: 0x05060200 + nthLast };
}

function daysBetween(earlier: string, later: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}
