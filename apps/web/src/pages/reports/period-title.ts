import type { ReportPeriod } from '@openami/contract';
import type { TFunction } from 'i18next';

/** A report period as a column, an axis or a row names it, and what to say of it when it is not over. */
export interface PeriodTitle {
  /** The period's key, or the days it holds when the range cuts it (`2026-12-01–2026-12-07`). */
  readonly label: string;
  /** Running ("so far") or ahead ("not begun"); empty when the period is over and its figures final. */
  readonly mark: string;
  readonly final: boolean;
}

export function periodTitle(span: ReportPeriod, t: TFunction): PeriodTitle {
  const label = span.partial ? t('reports.periodRange', { from: span.from, to: span.to }) : span.period;
  return {
    label,
    mark: span.status === 'over' ? '' : t(`reports.periodStatus.${span.status}`),
    final: span.status === 'over',
  };
}

/** The label with its mark, for a column title or a chart's axis: `2026-11-22（未完）`. */
export function periodHeading(span: ReportPeriod, t: TFunction): string {
  const { label, mark } = periodTitle(span, t);
  return mark === '' ? label : t('reports.periodMarked', { label, mark });
}
