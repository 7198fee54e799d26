import type { RunDetail } from '@openami/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { runDetailText } from '../../shared/reason-text.ts';
import { percentDone, useRunProgress } from '../../shared/run-progress.ts';
import { rateText } from './success-rate.ts';

/**
 * A running run followed live: a progress bar fed by the server-sent events, then the run's success rate.
 * When it ends, the lists that show runs are refreshed.
 */
export function RunProgressView({
  runId,
  showLink = true,
  onEnd,
}: {
  runId: number;
  showLink?: boolean;
  onEnd?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const watch = useRunProgress(runId, () => {
    void queryClient.invalidateQueries({ queryKey: ['/api/collection/runs'] });
    onEnd?.();
  });
  const ended = watch.kind === 'finished' || watch.kind === 'failed' || watch.kind === 'lost';
  const detail = useQuery({
    queryKey: ['/api/collection/runs', runId, 'detail'],
    queryFn: () => api.get<RunDetail>(`/api/collection/runs/${runId}`),
    enabled: ended,
  });
  const progress =
    watch.kind === 'progress'
      ? watch.progress
      : watch.kind === 'finished'
        ? {
            runId,
            total: watch.run.metersTotal,
            done: watch.run.metersTotal,
            complete: watch.run.metersComplete,
            partial: watch.run.metersPartial,
            unreachable: watch.run.metersFailed,
          }
        : undefined;
  const percent = watch.kind === 'finished' ? 100 : progress === undefined ? 0 : percentDone(progress);
  // A run that ended otherwise than finished (failed, interrupted) says why in the reader's words.
  const endedBadly = watch.kind === 'finished' && watch.run.status !== 'finished' ? watch.run : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="run-progress">
      <Progress
        percent={percent}
        status={
          watch.kind === 'failed' || endedBadly !== undefined
            ? 'exception'
            : watch.kind === 'finished'
              ? 'success'
              : 'active'
        }
      />
      {progress === undefined ? null : (
        <Typography.Text data-testid="run-progress-counts">
          {t('collection.progressCounts', {
            done: progress.done,
            total: progress.total,
            complete: progress.complete,
            partial: progress.partial,
            unreachable: progress.unreachable,
          })}
        </Typography.Text>
      )}
      {watch.kind === 'failed' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('collection.runFailed', { reason: watch.reason })}
        />
      ) : null}
      {endedBadly === undefined ? null : (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('collection.runFailed', { reason: runDetailText(t, endedBadly) })}
        />
      )}
      {watch.kind === 'lost' ? (
        <Alert type="warning" showIcon message={t('collection.progressLost')} />
      ) : null}
      {detail.data === undefined ? null : (
        <Typography.Text strong data-testid="run-success-rate">
          {t('collection.successRateIs', { rate: rateText(detail.data.successRate) })}
        </Typography.Text>
      )}
      {showLink ? (
        <Link to={`/collection/runs/${runId}`}>{t('collection.openRun', { id: runId })}</Link>
      ) : null}
    </Space>
  );
}
