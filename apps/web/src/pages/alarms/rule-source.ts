import type { RuleSource } from '@openami/contract';
import type { TFunction } from 'i18next';

export interface ScopeNames {
  readonly areaName: (id: number) => string;
  readonly meterTypeName: (id: number) => string;
}

/** Where a setting comes from, in words: the default, the whole site, an area, a meter type, or both. */
export function sourceText(source: RuleSource, names: ScopeNames, t: TFunction): string {
  if (source === 'default') return t('alarms.rules.sourceDefault');
  const area = source.areaId === null ? t('alarms.rules.site') : names.areaName(source.areaId);
  return source.meterTypeId === null ? area : `${area} · ${names.meterTypeName(source.meterTypeId)}`;
}

/** The override's settings in short: `enabled: off, severity: critical, runs = 1`. */
export function settingsText(
  override: {
    readonly enabled: boolean | null;
    readonly severity: string | null;
    readonly params: Readonly<Record<string, number>>;
  },
  t: TFunction,
): string {
  const parts: string[] = [];
  if (override.enabled !== null)
    parts.push(
      `${t('alarms.rules.enabled')}: ${t(override.enabled ? 'alarms.rules.on' : 'alarms.rules.off')}`,
    );
  if (override.severity !== null)
    parts.push(`${t('alarms.severity')}: ${t(`alarms.severities.${override.severity}`)}`);
  for (const [name, value] of Object.entries(override.params))
    parts.push(`${t(`alarms.params.${name}`, { defaultValue: name })} = ${value}`);
  return parts.join(', ');
}
