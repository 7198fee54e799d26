import { DownloadOutlined } from '@ant-design/icons';
import type { DailyFreeze } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { saveFile } from '../../archives/table-files.ts';
import { useSiteTimeZone } from '../../auth/session.tsx';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { siteDayBefore } from '../../shared/site-time.ts';
import { asRegistered, whToKwh } from '../../shared/units.ts';
import { csvText, type FreezeRow, freezeRows } from './frozen-values.ts';

const tariffs = ['tariff1Wh', 'tariff2Wh', 'tariff3Wh', 'tariff4Wh'] as const;
const optional = (wh: number | null) => (wh === null ? '' : whToKwh(wh, asRegistered));

/** 冻结数据: the meter's daily freezes of the last 62 days, as it froze its registers at midnight. */
export function MeterFrozen({ meterId, factoryNo }: { meterId: number; factoryNo: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const timeZone = useSiteTimeZone();
  const [now] = useState(() => Date.now());
  const daily = useQuery({
    queryKey: ['meter', meterId, 'frozen', now],
    queryFn: () =>
      api.get<{ frozen: DailyFreeze[] }>(`/api/meters/${meterId}/energy/daily`, {
        from: siteDayBefore(now, 61, timeZone),
        to: siteDayBefore(now, 0, timeZone),
      }),
  });
  const rows = useMemo(() => freezeRows(daily.data?.frozen ?? []), [daily.data]);
  const tariffTitle = (i: number) => t(`meter.frozen.tariff${i + 1}`);

  const exportCsv = () => {
    const header = [
      t('meter.frozen.day'),
      t('meter.frozen.frozenAt'),
      `${t('meter.frozen.total')} (kWh)`,
      ...tariffs.map((_, i) => `${tariffTitle(i)} (kWh)`),
      `${t('meter.frozen.delta')} (kWh)`,
    ];
    const lines = rows.map((r) => [
      r.day,
      formatTime(r.frozenAt, i18n.language),
      whToKwh(r.activeImportWh, asRegistered),
      ...tariffs.map((k) => optional(r[k])),
      optional(r.deltaWh),
    ]);
    // The byte-order mark lets Excel open the Chinese headers as UTF-8.
    const blob = new Blob([`\uFEFF${csvText([header, ...lines])}`], { type: 'text/csv;charset=utf-8' });
    saveFile(blob, `frozen-${factoryNo}.csv`);
  };

  return (
    <Card
      title={t('meter.frozen.title')}
      data-testid="meter-frozen"
      extra={
        <Button
          icon={<DownloadOutlined />}
          disabled={rows.length === 0}
          onClick={exportCsv}
          data-testid="frozen-export"
        >
          {t('meter.frozen.exportCsv')}
        </Button>
      }
    >
      <QueryError error={daily.error} retry={() => void daily.refetch()} />
      <Table<FreezeRow>
        rowKey="day"
        size="small"
        loading={daily.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('meter.frozen.none') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('meter.frozen.day'), dataIndex: 'day' },
          {
            title: t('meter.frozen.frozenAt'),
            dataIndex: 'frozenAt',
            render: (at: number) => formatTime(at, i18n.language),
          },
          {
            title: `${t('meter.frozen.total')} (kWh)`,
            dataIndex: 'activeImportWh',
            align: 'right',
            render: (wh: number) => whToKwh(wh, asRegistered),
          },
          ...tariffs.map((key, i) => ({
            title: `${tariffTitle(i)} (kWh)`,
            dataIndex: key,
            align: 'right' as const,
            render: (wh: number | null) => optional(wh),
          })),
          {
            title: `${t('meter.frozen.delta')} (kWh)`,
            dataIndex: 'deltaWh',
            align: 'right',
            render: (wh: number | null) =>
              wh === null ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Typography.Text type={wh < 0 ? 'danger' : undefined}>
                  {whToKwh(wh, asRegistered)}
                </Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
