import type { MonitoredMeter } from '@openami/contract';
import { Button } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { type CellSize, MeterCell, SupplyCell } from './meter-cell.tsx';
import type { BuildingDrawing, MeterBox, SiteDrawing } from './schematic-layout.ts';

const wall = '#8c8c8c';
const cable = '#595959';
const gap = { labelled: 4, compact: 2 } as const;
const cellWidth = { labelled: 52, compact: 14 } as const;

/** A vertical stretch of cable joining a meter to what it feeds. */
const Cable = ({ height = 12 }: { height?: number }) => (
  <div aria-hidden style={{ width: 2, height, background: cable, margin: '0 auto' }} />
);

function Box({
  box,
  columns,
  size,
  onOpen,
}: {
  box: MeterBox;
  columns: number;
  size: CellSize;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      aria-label={box.name ?? t('monitor.schematic.meterBox')}
      style={{
        margin: 0,
        minWidth: 0,
        padding: size === 'compact' ? 2 : 4,
        border: `1px solid ${wall}`,
        borderRadius: 3,
        background: '#fff',
      }}
    >
      {box.name === null ? null : (
        <legend style={{ fontSize: 10, width: 'auto', margin: 0, padding: '0 2px', border: 0 }}>
          {box.name}
        </legend>
      )}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${columns}, ${cellWidth[size]}px)`,
          gap: gap[size],
        }}
      >
        {box.meters.map((meter) => (
          <MeterCell key={meter.id} meter={meter} size={size} onOpen={onOpen} />
        ))}
      </div>
    </fieldset>
  );
}

/**
 * One building drawn as a block under a roof: its units side by side, its floors stacked highest first with
 * the floor named on the left, each floor of a unit holding its meter boxes; its supply meter below.
 */
function Building({
  building,
  size,
  onOpen,
  onPickArea,
}: {
  building: BuildingDrawing;
  size: CellSize;
  onOpen: (id: number) => void;
  onPickArea: ((areaId: number) => void) | undefined;
}) {
  const { t } = useTranslation();
  const name = building.name ?? t('monitor.schematic.noBuilding');
  const floorName = (floor: number | null) =>
    floor === null
      ? t('monitor.schematic.noFloor')
      : size === 'compact'
        ? String(floor)
        : t('monitor.schematic.floor', { floor });
  const cellStyle = (row: number, column: number): CSSProperties => ({
    gridRow: row,
    gridColumn: column,
    padding: size === 'compact' ? 3 : 6,
    borderTop: row === 1 ? 'none' : `1px solid #d9d9d9`,
    borderLeft: column <= 2 ? 'none' : `2px solid ${wall}`,
    display: 'flex',
    flexWrap: 'wrap',
    gap: 4,
    alignItems: 'flex-start',
  });
  const buildingAreaId = building.areaId;
  return (
    <section
      aria-label={name}
      data-testid={`schematic-building-${building.key}`}
      style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', flex: 'none' }}
    >
      <div
        style={{
          clipPath: 'polygon(6% 0, 94% 0, 100% 100%, 0 100%)',
          background: '#434343',
          color: '#fff',
          textAlign: 'center',
          padding: '4px 18px',
          fontWeight: 600,
          whiteSpace: 'nowrap',
        }}
      >
        {onPickArea === undefined || buildingAreaId === null ? (
          name
        ) : (
          <Button
            type="link"
            size="small"
            style={{ color: '#fff', fontWeight: 600, padding: 0, height: 'auto' }}
            aria-label={t('monitor.schematic.zoomIn', { name })}
            onClick={() => onPickArea(buildingAreaId)}
          >
            {name}
          </Button>
        )}
      </div>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `auto repeat(${building.units.length}, auto)`,
          border: `2px solid ${wall}`,
          borderTop: 'none',
          background: '#fafafa',
        }}
      >
        <div style={{ ...cellStyle(1, 1), borderLeft: 'none' }} />
        {building.units.map((unit, u) => (
          <div
            key={unit.key}
            style={{
              ...cellStyle(1, u + 2),
              justifyContent: 'center',
              fontSize: 12,
              color: '#595959',
              whiteSpace: 'nowrap',
            }}
          >
            {unit.name ?? t('monitor.schematic.noUnit')}
          </div>
        ))}
        {building.floors.map((row, f) => (
          <FloorCells
            key={row.floor ?? 'none'}
            rowIndex={f + 2}
            label={floorName(row.floor)}
            row={row.boxes}
            building={building}
            size={size}
            cellStyle={cellStyle}
            onOpen={onOpen}
          />
        ))}
      </div>
      <div aria-hidden style={{ height: 4, background: cable }} />
      {building.supply.length === 0 ? null : (
        <div style={{ display: 'flex', justifyContent: 'center', gap: 8 }}>
          {building.supply.map((meter) => (
            <div key={meter.id}>
              <Cable />
              <SupplyCell meter={meter} feeds="building" onOpen={onOpen} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function FloorCells({
  rowIndex,
  label,
  row,
  building,
  size,
  cellStyle,
  onOpen,
}: {
  rowIndex: number;
  label: string;
  row: BuildingDrawing['floors'][number]['boxes'];
  building: BuildingDrawing;
  size: CellSize;
  cellStyle: (row: number, column: number) => CSSProperties;
  onOpen: (id: number) => void;
}) {
  return (
    <>
      <div
        style={{
          ...cellStyle(rowIndex, 1),
          alignItems: 'center',
          fontSize: size === 'compact' ? 10 : 12,
          color: '#595959',
          whiteSpace: 'nowrap',
        }}
      >
        {label}
      </div>
      {building.units.map((unit, u) => (
        <div key={unit.key} style={cellStyle(rowIndex, u + 2)}>
          {(row[u] ?? []).map((box) => (
            <Box key={box.key} box={box} columns={unit.columns} size={size} onOpen={onOpen} />
          ))}
        </div>
      ))}
    </>
  );
}

/**
 * The site: its buildings side by side on one ground, each with its supply meter, all fed from the
 * transformer area's meter below. A whole site is drawn with bare squares; one building with labelled cells.
 */
export function SiteSchematic({
  site,
  onOpen,
  onPickArea,
}: {
  site: SiteDrawing;
  onOpen: (id: number) => void;
  onPickArea: (areaId: number) => void;
}) {
  const size: CellSize = site.buildings.length > 1 ? 'compact' : 'labelled';
  const feeds = (meters: readonly MonitoredMeter[]) =>
    meters.map((meter) => (
      <div key={meter.id}>
        <Cable height={16} />
        <SupplyCell meter={meter} feeds="transformer" onOpen={onOpen} />
      </div>
    ));
  return (
    <div data-testid="monitor-schematic" style={{ display: 'inline-block', minWidth: '100%', padding: 4 }}>
      <div style={{ display: 'flex', alignItems: 'flex-end', gap: 24, justifyContent: 'center' }}>
        {site.buildings.map((building) => (
          <div key={building.key}>
            <Building
              building={building}
              size={size}
              onOpen={onOpen}
              onPickArea={size === 'compact' ? onPickArea : undefined}
            />
            {site.supply.length === 0 ? null : <Cable height={16} />}
          </div>
        ))}
      </div>
      {site.supply.length === 0 ? null : (
        <>
          <div aria-hidden style={{ height: 3, background: cable, margin: '0 8px' }} />
          <div style={{ display: 'flex', justifyContent: 'center', gap: 8 }}>{feeds(site.supply)}</div>
        </>
      )}
    </div>
  );
}
