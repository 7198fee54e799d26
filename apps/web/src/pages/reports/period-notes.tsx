import type { ReportPeriod } from '@openami/contract';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** What the marks on the periods mean, shown only when the report has such periods. */
export function PeriodNotes({
  report,
  at,
}: {
  report: { readonly spans: readonly ReportPeriod[] } | undefined;
  at: string;
}) {
  const { t } = useTranslation();
  const spans = report?.spans ?? [];
  const running = spans.some((span) => span.status !== 'over');
  const partial = spans.some((span) => span.partial);
  if (!running && !partial) return null;
  return (
    <Typography.Paragraph type="warning" data-testid="period-notes">
      {running ? t('reports.runningNote', { at }) : null}
      {running && partial ? ' ' : null}
      {partial ? t('reports.partialNote') : null}
    </Typography.Paragraph>
  );
}
