// An alarm's evidence in the reader's language: each field the engine writes (`alarmEvidenceFields`) with its
// label, and its value in its unit (kWh, yuan, seconds, a time, yes or no, reading flags and relay bits in
// words). A field this version does not know keeps its name, its value as it came.
import { type AlarmEvidenceField, alarmEvidenceFields } from '@openami/contract';
import type { TFunction } from 'i18next';
import { formatTime } from '../../shared/format.ts';
import { fenToYuan, whToKwh } from '../../shared/units.ts';

export interface EvidenceItem {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

const known = (name: string): name is AlarmEvidenceField => Object.hasOwn(alarmEvidenceFields, name);

function raw(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function valueText(field: AlarmEvidenceField, value: unknown, t: TFunction, language: string): string {
  if (value === null || value === undefined) return t('alarms.evidenceValues.unknown');
  const number = typeof value === 'number' ? value : undefined;
  switch (alarmEvidenceFields[field]) {
    case 'count':
    case 'number':
      return number === undefined ? raw(value) : String(number);
    case 'percent':
      return number === undefined ? raw(value) : `${number} %`;
    case 'wh':
      return number === undefined ? raw(value) : `${whToKwh(Math.round(number))} kWh`;
    case 'fen':
      return number === undefined
        ? raw(value)
        : t('alarms.evidenceValues.yuan', { value: fenToYuan(number) });
    case 'ms':
      return number === undefined
        ? raw(value)
        : t('alarms.evidenceValues.seconds', { value: Math.round(number / 100) / 10 });
    case 'time':
      return number === undefined ? raw(value) : formatTime(number, language);
    case 'day':
      return raw(value);
    case 'boolean':
      return value === true ? t('alarms.evidenceValues.yes') : t('alarms.evidenceValues.no');
    case 'flags':
      return Array.isArray(value)
        ? value.length === 0
          ? t('alarms.evidenceValues.none')
          : value.map((flag) => t(`readingFlags.${String(flag)}`, { defaultValue: String(flag) })).join(', ')
        : raw(value);
    case 'days':
      return Array.isArray(value)
        ? value
            .map((d: { day?: unknown; energyWh?: unknown }) =>
              t('alarms.evidenceValues.dayEnergy', {
                day: raw(d.day),
                kwh: typeof d.energyWh === 'number' ? whToKwh(d.energyWh) : raw(d.energyWh),
              }),
            )
            .join('; ')
        : raw(value);
    case 'relay': {
      if (typeof value !== 'object') return raw(value);
      const bits = value as { relayOpen?: unknown; relayCommandOpen?: unknown; preTripAlarm?: unknown };
      return [
        t(bits.relayOpen === true ? 'alarms.evidenceValues.relayOpen' : 'alarms.evidenceValues.relayClosed'),
        ...(bits.relayCommandOpen === true ? [t('alarms.evidenceValues.relayCommandOpen')] : []),
        ...(bits.preTripAlarm === true ? [t('alarms.evidenceValues.preTripAlarm')] : []),
      ].join(', ');
    }
    case 'log':
      return Array.isArray(value) ? value.map(raw).join('; ') : raw(value);
    case 'reason':
      return raw(value);
  }
}

/**
 * The evidence as labelled lines, in the engine's order. `cause` (a reason code) is worded apart, by the
 * caller; the English `reasons` beside it are for logs and shown only when there is no cause.
 */
export function evidenceItems(
  fields: Readonly<Record<string, unknown>>,
  t: TFunction,
  language: string,
): EvidenceItem[] {
  const hasCause = typeof fields.cause === 'object' && fields.cause !== null;
  return Object.entries(fields)
    .filter(([name]) => name !== 'cause' && !(name === 'reasons' && hasCause))
    .map(([name, value]) =>
      known(name)
        ? { name, label: t(`alarms.evidenceFields.${name}`), value: valueText(name, value, t, language) }
        : { name, label: name, value: raw(value) },
    );
}
