import type { MonitoredMeter, PointColour } from '@openami/contract';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const pointColours: Readonly<Record<PointColour, { readonly fill: string; readonly border: string }>> =
  {
    green: { fill: '#f6ffed', border: '#52c41a' },
    yellow: { fill: '#fffbe6', border: '#faad14' },
    red: { fill: '#fff1f0', border: '#ff4d4f' },
    grey: { fill: '#fafafa', border: '#bfbfbf' },
  };

/** One meter on the schematic, in its colour; the tooltip says which alarms make it; a click opens it. */
export function MeterTile({ meter, onOpen }: { meter: MonitoredMeter; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const colours = pointColours[meter.colour];
  const tip =
    meter.alarms.length === 0
      ? t(`monitor.colours.${meter.colour}`)
      : meter.alarms.map((a) => (
          <div key={a.id}>
            {t(`alarms.kinds.${a.kind}`)} · {t(`alarms.severities.${a.severity}`)}
          </div>
        ));
  return (
    <Tooltip title={tip}>
      <button
        type="button"
        data-testid={`meter-tile-${meter.id}`}
        data-colour={meter.colour}
        aria-label={t('monitor.tileLabel', {
          factoryNo: meter.factoryNo,
          colour: t(`monitor.colours.${meter.colour}`),
        })}
        onClick={() => onOpen(meter.id)}
        style={{
          width: 120,
          padding: '8px 6px',
          background: colours.fill,
          border: `2px solid ${colours.border}`,
          borderRadius: 6,
          cursor: 'pointer',
          textAlign: 'center',
        }}
      >
        <div
          style={{ width: 10, height: 10, borderRadius: 5, background: colours.border, margin: '0 auto 4px' }}
        />
        <Typography.Text style={{ fontSize: 12 }} ellipsis>
          {meter.factoryNo}
        </Typography.Text>
      </button>
    </Tooltip>
  );
}
