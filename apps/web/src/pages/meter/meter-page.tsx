import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Space, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { ApiError } from '../../api/client.ts';
import type { Meter, MeterState } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { whToKwh } from '../../shared/units.ts';
import { useAreas } from '../../shared/use-areas.ts';
import { useMeterTypes } from '../../shared/use-meter-types.ts';
import { useRunsEnded } from '../../shared/use-runs-ended.ts';
import { MeterAccount } from './meter-account.tsx';
import { MeterCommands } from './meter-commands.tsx';
import { MeterEvents } from './meter-events.tsx';
import { MeterFrozen } from './meter-frozen.tsx';
import { MeterHistory } from './meter-history.tsx';
import { MeterRuns } from './meter-runs.tsx';
import { ReadNow } from './read-now.tsx';

const stateColours: Readonly<Record<MeterState, string>> = {
  in_stock: 'default',
  installed: 'green',
  faulty: 'red',
  removed: 'default',
};

/** One meter: its archive facts, read now, curves and daily energy, commands, and recent collection. */
export default function MeterPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { nameOf } = useAreas();
  const types = useMeterTypes();
  const id = Number(useParams().id);
  // A run that read this meter moves its latest values, curves and outcomes at once.
  useRunsEnded([['meter', id]], session.can('collection.read'));
  const meter = useQuery({
    queryKey: ['/api/meters', id],
    queryFn: () => api.get<Meter>(`/api/meters/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
  const back = (
    <Link to="/archives/meters">
      <Button icon={<ArrowLeftOutlined />}>{t('meter.backToMeters')}</Button>
    </Link>
  );
  if (!Number.isInteger(id) || id <= 0 || (meter.error instanceof ApiError && meter.error.status === 404)) {
    return <Result status="404" title={t('meter.notFound')} extra={back} />;
  }
  if (meter.isLoading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (meter.data === undefined) return <QueryError error={meter.error} retry={() => void meter.refetch()} />;
  const m = meter.data;
  const typeName = types.data?.find((x) => x.id === m.meterTypeId)?.name ?? `#${m.meterTypeId}`;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('meter.title', { factoryNo: m.factoryNo })} extra={back}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="meter-facts">
          <Descriptions.Item label={t('meters.factoryNo')}>{m.factoryNo}</Descriptions.Item>
          <Descriptions.Item label={t('meters.commAddress')}>{m.commAddress}</Descriptions.Item>
          <Descriptions.Item label={t('meters.meterType')}>{typeName}</Descriptions.Item>
          <Descriptions.Item label={t('meters.state')}>
            <Tag color={stateColours[m.state]}>{t(`meterStates.${m.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('common.area')}>{nameOf(m.areaId)}</Descriptions.Item>
          <Descriptions.Item label={t('meters.multiplier')}>
            {m.multiplier} (PT {m.ptPrimary}/{m.ptSecondary}, CT {m.ctPrimary}/{m.ctSecondary})
          </Descriptions.Item>
          <Descriptions.Item label={t('meters.startingReading')}>
            {whToKwh(m.startingReadingWh)} kWh
          </Descriptions.Item>
          <Descriptions.Item label={t('meters.stockedInAt')}>
            {formatTime(m.stockedInAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('meters.terminal')}>
            {m.terminalPortId === null ? t('meters.notWired') : t('meter.wiredYes')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <MeterAccount meterId={m.id} />
      {session.can('meter.readNow') ? <ReadNow meterId={m.id} /> : null}
      <MeterCommands meter={m} />
      <MeterHistory meterId={m.id} />
      <MeterFrozen meterId={m.id} factoryNo={m.factoryNo} />
      {session.can('alarm.read') ? <MeterEvents meterId={m.id} /> : null}
      {session.can('collection.read') ? <MeterRuns meterId={m.id} /> : null}
    </Space>
  );
}
