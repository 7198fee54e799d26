import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  type Alarm,
  type AlarmKind,
  alarmKinds,
  alarmStates,
  type Severity,
  severities,
} from '@openami/contract';
import { App, Badge, Button, DatePicker, Form, Select, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import type { Query } from '../../api/client.ts';
import { saveFile } from '../../archives/table-files.ts';
import { useSession } from '../../auth/session.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { type AlarmFeed, useAlarmEvents } from '../../shared/use-alarm-events.ts';
import { useAreas } from '../../shared/use-areas.ts';
import { AcknowledgeModal } from './acknowledge-modal.tsx';
import { AlarmEvidence } from './alarm-evidence.tsx';
import { AlarmObject } from './alarm-object.tsx';
import { AlarmStateTag, SeverityTag } from './alarm-tags.tsx';

/** A day as the date picker gives it (a Dayjs), only as far as the filter needs it. */
interface PickedDay {
  startOf(unit: 'day'): PickedDay;
  add(amount: number, unit: 'day'): PickedDay;
  valueOf(): number;
}

interface AlarmFilters {
  readonly days?: [PickedDay | null, PickedDay | null] | null;
  readonly areaId?: number;
  readonly kind?: AlarmKind;
  readonly state?: string;
  readonly severity?: Severity;
}

const feedBadges: Readonly<Record<AlarmFeed, 'success' | 'processing' | 'error'>> = {
  live: 'success',
  connecting: 'processing',
  lost: 'error',
};

/** The alarm filter in the API's words: whole days from the first day's start to the last day's end. */
function filterQuery(values: AlarmFilters): Query {
  const [first, last] = values.days ?? [null, null];
  return {
    from: first?.startOf('day').valueOf(),
    to: last?.startOf('day').add(1, 'day').valueOf(),
    areaId: values.areaId,
    kind: values.kind,
    state: values.state,
    severity: values.severity,
  };
}

/**
 * Alarms in the user's areas, newest first, following the live feed: an alarm raised, acknowledged or
 * cleared anywhere in their areas shows without a reload. Each row opens its evidence.
 */
export function AlarmListTab() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const { nameOf } = useAreas();
  const [filters, setFilters] = useState<Query>({ state: 'open' });
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const [acknowledging, setAcknowledging] = useState<readonly Alarm[] | undefined>();
  // Rows picked for one acknowledgement with one comment (a dark terminal's alarms, a storm's).
  const [selected, setSelected] = useState<readonly Alarm[]>([]);
  const mayAcknowledge = session.can('alarm.acknowledge');
  const [exporting, setExporting] = useState(false);
  const list = usePagedList<Alarm>('/api/alarms', filters, { sort: 'raisedAt', direction: 'desc' });
  const { refetch } = list.result;
  const onEvent = useCallback(
    (kind: string, alarm: Alarm) => {
      if (kind === 'raised') setFresh((ids) => new Set([...ids, alarm.id]));
      void refetch();
    },
    [refetch],
  );
  const feed = useAlarmEvents(onEvent);

  const download = async () => {
    setExporting(true);
    try {
      const { blob, fileName } = await api.download('/api/alarms/export', { ...filters, format: 'xlsx' });
      saveFile(blob, fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Form<AlarmFilters>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label={t('common.filters')}
        initialValues={{ state: 'open' }}
        onFinish={(values) => {
          setFilters(filterQuery(values));
          list.restart();
        }}
      >
        <Form.Item name="days">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('alarms.from'), t('alarms.to')]}
          />
        </Form.Item>
        <Form.Item name="areaId">
          <AreaSelect placeholder={t('common.area')} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            placeholder={t('alarms.kind')}
            allowClear
            style={{ width: 180 }}
            options={alarmKinds.map((k) => ({ value: k, label: t(`alarms.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="state">
          <Select
            placeholder={t('alarms.state')}
            allowClear
            style={{ width: 140 }}
            options={['open', ...alarmStates].map((s) => ({ value: s, label: t(`alarms.states.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="severity">
          <Select
            placeholder={t('alarms.severity')}
            allowClear
            style={{ width: 120 }}
            options={severities.map((s) => ({ value: s, label: t(`alarms.severities.${s}`) }))}
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void download()}>
            {t('alarms.export')}
          </Button>
          {mayAcknowledge ? (
            <Button
              icon={<CheckOutlined />}
              data-testid="acknowledge-selected"
              disabled={selected.length === 0}
              onClick={() => setAcknowledging(selected)}
            >
              {t('alarms.acknowledgeSelected', { count: selected.length })}
            </Button>
          ) : null}
          <span data-testid="alarm-feed" data-feed={feed}>
            <Badge status={feedBadges[feed]} text={t(`alarms.feed.${feed}`)} />
          </span>
        </Space>
      </Form>
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<Alarm>
        rowKey="id"
        data-testid="alarms"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('alarms.none'))}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        expandable={{ expandedRowRender: (alarm) => <AlarmEvidence alarm={alarm} /> }}
        {...(mayAcknowledge
          ? {
              rowSelection: {
                selectedRowKeys: selected.map((a) => a.id),
                preserveSelectedRowKeys: false,
                onChange: (_keys: React.Key[], rows: Alarm[]) => setSelected(rows),
                getCheckboxProps: (alarm: Alarm) => ({
                  disabled: alarm.state !== 'raised',
                  'aria-label': t('alarms.select', { id: alarm.id }),
                }),
              },
            }
          : {})}
        // Fits 1366×768 (the content is 1044 px wide there) without scrolling; narrower, the table scrolls
        // and the acknowledge button stays at its right edge.
        scroll={{ x: 1000 }}
        columns={[
          {
            title: '#',
            dataIndex: 'id',
            render: (id: number) => (
              <Space size={4}>
                {id}
                {fresh.has(id) ? <Tag color="processing">{t('alarms.new')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('alarms.kind'),
            dataIndex: 'kind',
            render: (kind: AlarmKind) => t(`alarms.kinds.${kind}`),
          },
          {
            title: t('alarms.severity'),
            dataIndex: 'severity',
            sorter: true,
            render: (severity: Severity) => <SeverityTag severity={severity} />,
          },
          { title: t('alarms.object'), key: 'object', render: (_, alarm) => <AlarmObject alarm={alarm} /> },
          {
            title: t('common.area'),
            dataIndex: 'areaId',
            render: (id: number | null) => (id === null ? '' : nameOf(id)),
          },
          {
            title: t('alarms.raisedAt'),
            dataIndex: 'raisedAt',
            sorter: true,
            render: (at: number) => formatTime(at, i18n.language),
          },
          {
            title: t('alarms.state'),
            dataIndex: 'state',
            render: (_, alarm) => <AlarmStateTag state={alarm.state} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, alarm) =>
              alarm.state === 'raised' && mayAcknowledge ? (
                <Button size="small" icon={<CheckOutlined />} onClick={() => setAcknowledging([alarm])}>
                  {t('alarms.acknowledge')}
                </Button>
              ) : null,
          },
        ]}
      />
      <AcknowledgeModal
        alarms={acknowledging}
        onClose={() => setAcknowledging(undefined)}
        onDone={() => {
          setAcknowledging(undefined);
          setSelected([]);
          void refetch();
        }}
      />
    </>
  );
}
