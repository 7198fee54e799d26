import type { MonitoredMeter } from '@openami/contract';
import { Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/format.ts';
import { pointColours } from './meter-tile.tsx';
import { roomOf, shortAddress } from './schematic-layout.ts';

/** How large a meter is drawn: labelled in a building, a bare square when a whole site is shown. */
export type CellSize = 'labelled' | 'compact';

/** What hovering or focusing a meter shows: who lives there, where, its state and its open alarms. */
function MeterTip({ meter }: { meter: MonitoredMeter }) {
  const { t, i18n } = useTranslation();
  const room = roomOf(meter);
  return (
    <div data-testid={`meter-tip-${meter.id}`}>
      <div style={{ fontWeight: 600 }}>
        {meter.customer?.name ?? t(`monitor.schematic.roles.${meter.role}`)}
      </div>
      {room === undefined ? null : <div>{t('monitor.schematic.room', { room })}</div>}
      <div>{t('monitor.schematic.meter', { factoryNo: meter.factoryNo, address: meter.commAddress })}</div>
      <div>{t(`monitor.colours.${meter.colour}`)}</div>
      {meter.alarms.map((a) => (
        <div key={a.id}>
          {t(`alarms.kinds.${a.kind}`)} · {t(`alarms.severities.${a.severity}`)}
        </div>
      ))}
      <div style={{ opacity: 0.8 }}>
        {meter.lastReadAt === null
          ? t('monitor.schematic.neverRead')
          : t('monitor.schematic.lastRead', { at: formatTime(meter.lastReadAt, i18n.language) })}
      </div>
    </div>
  );
}

/** The words a screen reader says for a meter: room, meter, colour and its open alarms. */
function useCellLabel(meter: MonitoredMeter): string {
  const { t } = useTranslation();
  const alarms = meter.alarms.map((a) => t(`alarms.kinds.${a.kind}`)).join(', ');
  return t('monitor.schematic.cellLabel', {
    room: roomOf(meter) ?? t(`monitor.schematic.roles.${meter.role}`),
    factoryNo: meter.factoryNo,
    colour: t(`monitor.colours.${meter.colour}`),
    alarms: alarms === '' ? '' : ` (${alarms})`,
  });
}

const baseStyle: CSSProperties = {
  boxSizing: 'border-box',
  padding: 0,
  cursor: 'pointer',
  lineHeight: 1.1,
  overflow: 'hidden',
  fontVariantNumeric: 'tabular-nums',
};

/** One meter on the drawing, in its colour, a button that opens the meter. */
export function MeterCell({
  meter,
  size,
  onOpen,
}: {
  meter: MonitoredMeter;
  size: CellSize;
  onOpen: (id: number) => void;
}) {
  const label = useCellLabel(meter);
  const colours = pointColours[meter.colour];
  const room = roomOf(meter);
  const style: CSSProperties =
    size === 'compact'
      ? { ...baseStyle, width: 14, height: 14, background: colours.border, border: 'none', borderRadius: 2 }
      : {
          ...baseStyle,
          width: 52,
          height: 36,
          background: colours.fill,
          border: `2px solid ${colours.border}`,
          borderRadius: 4,
        };
  return (
    <Tooltip title={<MeterTip meter={meter} />} trigger={['hover', 'focus']} mouseEnterDelay={0.15}>
      <button
        type="button"
        data-testid={`meter-cell-${meter.id}`}
        data-colour={meter.colour}
        aria-label={label}
        onClick={() => onOpen(meter.id)}
        style={style}
      >
        {size === 'compact' ? null : (
          <>
            <span style={{ display: 'block', fontSize: 12, fontWeight: 600 }}>{room ?? '—'}</span>
            <span style={{ display: 'block', fontSize: 10, color: '#595959' }}>
              {shortAddress(meter.commAddress)}
            </span>
          </>
        )}
      </button>
    </Tooltip>
  );
}

/** A supply meter: wider, named by its role, the feed of what stands above it. */
export function SupplyCell({
  meter,
  feeds,
  onOpen,
}: {
  meter: MonitoredMeter;
  /** What it feeds: a building, or the buildings of a transformer area. */
  feeds: 'building' | 'transformer';
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  const label = useCellLabel(meter);
  const colours = pointColours[meter.colour];
  return (
    <Tooltip title={<MeterTip meter={meter} />} trigger={['hover', 'focus']} mouseEnterDelay={0.15}>
      <button
        type="button"
        data-testid={`meter-cell-${meter.id}`}
        data-colour={meter.colour}
        aria-label={`${t(`monitor.schematic.supply.${feeds}`)}: ${label}`}
        onClick={() => onOpen(meter.id)}
        style={{
          ...baseStyle,
          minWidth: 132,
          padding: '4px 8px',
          background: colours.fill,
          border: `2px solid ${colours.border}`,
          borderRadius: 4,
          textAlign: 'center',
        }}
      >
        <span style={{ display: 'block', fontSize: 12, fontWeight: 600 }}>
          {t(`monitor.schematic.supply.${feeds}`)}
        </span>
        <span style={{ display: 'block', fontSize: 11, color: '#595959' }}>{meter.factoryNo}</span>
      </button>
    </Tooltip>
  );
}
