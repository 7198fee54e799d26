import { localTimeOf } from '@openami/domain';
import type { Locale } from '../../errors.ts';
import type { PeriodSpan } from './period-spans.ts';

/** A period as a sheet names it: its key, or the days it holds when the range cuts it (2026-12-01–2026-12-07). */
export function periodLabel(span: PeriodSpan): string {
  return span.partial ? `${span.from}–${span.to}` : span.period;
}

/**
 * What a sheet says of a period that is not over: running "so far, to 16:30" (the site's time the report was
 * made), or not begun; nothing for one that is over.
 */
export function periodNote(span: PeriodSpan, madeAt: number, locale: Locale, timeZone: string): string {
  if (span.status === 'over') return '';
  const zh = locale === 'zh-CN';
  if (span.status === 'ahead') return zh ? '尚未开始' : 'not begun';
  const minute = localTimeOf(madeAt, timeZone).minuteOfDay;
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return zh ? `未结束，截至 ${hhmm}` : `not over, to ${hhmm}`;
}
