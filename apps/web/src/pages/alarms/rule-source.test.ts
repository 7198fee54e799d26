import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { settingsText, sourceText } from './rule-source.ts';

const t = ((key: string) => key) as unknown as TFunction;
const names = { areaName: (id: number) => `area ${id}`, meterTypeName: (id: number) => `type ${id}` };

describe('where an alarm rule setting comes from', () => {
  it('names the default, the site, an area and a meter type', () => {
    expect(sourceText('default', names, t)).toBe('alarms.rules.sourceDefault');
    expect(sourceText({ areaId: null, meterTypeId: null }, names, t)).toBe('alarms.rules.site');
    expect(sourceText({ areaId: 4, meterTypeId: null }, names, t)).toBe('area 4');
    expect(sourceText({ areaId: null, meterTypeId: 2 }, names, t)).toBe('alarms.rules.site · type 2');
    expect(sourceText({ areaId: 4, meterTypeId: 2 }, names, t)).toBe('area 4 · type 2');
  });

  it('lists only the settings an override holds', () => {
    expect(settingsText({ enabled: null, severity: null, params: { runs: 1 } }, t)).toBe(
      'alarms.params.runs = 1',
    );
    expect(settingsText({ enabled: false, severity: 'critical', params: {} }, t)).toBe(
      'alarms.rules.enabled: alarms.rules.off, alarms.severity: alarms.severities.critical',
    );
  });
});
