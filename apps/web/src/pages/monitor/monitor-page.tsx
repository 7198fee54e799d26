import { pointColours as colourNames, type MonitoringView, type PointColour } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Empty, Row, Segmented, Space, Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { AreaNode } from '../../shared/area-tree.ts';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { useAlarmEvents } from '../../shared/use-alarm-events.ts';
import { useAreas } from '../../shared/use-areas.ts';
import { MeterTile, pointColours } from './meter-tile.tsx';
import { schematicGroups } from './schematic-groups.ts';
import { siteDrawing } from './schematic-layout.ts';
import { SiteSchematic } from './site-schematic.tsx';

/** Polled as well as pushed: a fault found without an alarm event (a meter marked faulty) still shows. */
const REFRESH_MS = 15_000;

type ViewMode = 'schematic' | 'list';
/** Areas that are a place to draw; above them (a region) or elsewhere the list of tiles reads better. */
const drawnKinds: ReadonlySet<string> = new Set([
  'transformer_area',
  'community',
  'building',
  'unit',
  'floor',
  'meter_box',
]);

function treeData(nodes: readonly AreaNode[], kindName: (kind: string) => string): DataNode[] {
  return nodes.map((n) => ({
    key: n.area.id,
    title: `${n.area.name} · ${kindName(n.area.kind)}`,
    children: treeData(n.children, kindName),
  }));
}

/**
 * 点位监控 (002 §2.8): the area tree, and the chosen site, building or unit drawn as a schematic (buildings,
 * units, floors and meter boxes, supply meters below) or listed as tiles, each meter green (normal), yellow
 * (alarm), red (fault) or grey (never read) as the server judges; it follows the live alarm feed and opens a
 * meter's page on a click.
 */
export default function MonitorPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const areas = useAreas();
  const [chosen, setChosen] = useState<number | undefined>();
  const [pickedMode, setPickedMode] = useState<ViewMode | undefined>();
  const areaId = chosen ?? areas.forest[0]?.area.id;
  const areaKind = areaId === undefined ? undefined : areas.byId.get(areaId)?.kind;
  const mode: ViewMode =
    pickedMode ?? (areaKind !== undefined && drawnKinds.has(areaKind) ? 'schematic' : 'list');
  const pickArea = useCallback((id: number) => {
    setChosen(id);
    setPickedMode(undefined);
  }, []);
  const openMeter = useCallback((id: number) => void navigate(`/archives/meters/${id}`), [navigate]);
  const view = useQuery({
    queryKey: ['/api/monitoring/meters', areaId],
    queryFn: () => api.get<MonitoringView>('/api/monitoring/meters', { areaId }),
    enabled: areaId !== undefined,
    refetchInterval: REFRESH_MS,
  });
  const { refetch } = view;
  const onEvent = useCallback(() => void refetch(), [refetch]);
  const feed = useAlarmEvents(onEvent);
  const groups = useMemo(() => schematicGroups(view.data?.meters ?? [], areaId), [view.data, areaId]);
  const site = useMemo(() => siteDrawing(view.data?.meters ?? []), [view.data]);
  const tree = useMemo(
    () => treeData(areas.forest, (kind) => t(`areaKinds.${kind}`, { defaultValue: kind })),
    [areas.forest, t],
  );

  const legend = colourNames.map((colour: PointColour) => (
    <span key={colour} data-testid={`monitor-count-${colour}`}>
      <Badge
        color={pointColours[colour].border}
        text={`${t(`monitor.colours.${colour}`)} ${view.data?.counts[colour] ?? 0}`}
      />
    </span>
  ));

  return (
    <Row gutter={16}>
      <Col xs={24} md={7} xl={5}>
        <Card
          title={t('monitor.areas')}
          size="small"
          styles={{ body: { maxHeight: '75vh', overflow: 'auto' } }}
        >
          <QueryError error={areas.query.error} retry={() => void areas.query.refetch()} />
          {areas.query.isLoading ? (
            <Spin />
          ) : tree.length === 0 ? (
            <Empty description={t('monitor.noAreas')} />
          ) : (
            <Tree
              data-testid="monitor-tree"
              treeData={tree}
              defaultExpandAll
              selectedKeys={areaId === undefined ? [] : [areaId]}
              onSelect={(keys) => {
                const key = keys[0];
                if (typeof key === 'number') pickArea(key);
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={17} xl={19}>
        <Card
          title={
            areaId === undefined ? t('monitor.title') : `${t('monitor.title')} · ${areas.nameOf(areaId)}`
          }
          extra={
            <Space wrap>
              <Segmented<ViewMode>
                data-testid="monitor-mode"
                size="small"
                value={mode}
                onChange={setPickedMode}
                options={[
                  { value: 'schematic', label: t('monitor.modes.schematic') },
                  { value: 'list', label: t('monitor.modes.list') },
                ]}
              />
              {legend}
              <span data-testid="monitor-feed" data-feed={feed}>
                <Badge status={feed === 'live' ? 'success' : 'processing'} text={t(`alarms.feed.${feed}`)} />
              </span>
            </Space>
          }
        >
          <QueryError error={view.error} retry={() => void view.refetch()} />
          {view.data?.truncated ? (
            <Alert type="warning" showIcon message={t('monitor.truncated')} style={{ marginBottom: 16 }} />
          ) : null}
          {view.isLoading ? (
            <div style={{ padding: 48, textAlign: 'center' }}>
              <Spin tip={t('monitor.loading')}>
                <div style={{ height: 48 }} />
              </Spin>
            </div>
          ) : view.data === undefined || view.data.meters.length === 0 ? (
            view.isError ? null : (
              <Empty description={t('monitor.noMeters')} />
            )
          ) : mode === 'schematic' ? (
            <div
              data-testid="monitor-schematic-panel"
              style={{ maxHeight: 'calc(100vh - 250px)', minHeight: 240, overflow: 'auto', marginBottom: 8 }}
            >
              <SiteSchematic site={site} onOpen={openMeter} onPickArea={pickArea} />
            </div>
          ) : (
            <div data-testid="monitor-tiles">
              {groups.map((group) => (
                <div
                  key={group.areaId}
                  style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, marginBottom: 12 }}
                >
                  <Typography.Text strong>
                    {group.trail.length === 0 ? areas.nameOf(group.areaId) : group.trail.join(' / ')}
                  </Typography.Text>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
                    {group.meters.map((meter) => (
                      <MeterTile key={meter.id} meter={meter} onOpen={openMeter} />
                    ))}
                  </div>
                </div>
              ))}
            </div>
          )}
          {view.data === undefined ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitor.updatedAt', { at: formatTime(view.dataUpdatedAt, i18n.language) })}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
