import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AlarmRuleOverride,
  alarmParameters,
  alarmRuleProblems,
  defaultAlarmRule,
  resolveAlarmRule,
  scopesByPrecedence,
} from './alarm-rules.ts';
import { alarmKinds } from './alarms.ts';

const meterIn = (areaPath: string, meterTypeId: number | null = 7) => ({ areaPath, meterTypeId });

describe('alarm rules', () => {
  it('have a default for every kind and every parameter', () => {
    for (const kind of alarmKinds) {
      const rule = defaultAlarmRule(kind);
      expect(rule.enabled).toBe(true);
      for (const [name, parameter] of Object.entries(alarmParameters[kind])) {
        expect(rule.params[name]).toBe(parameter.default);
        expect(parameter.default).toBeGreaterThanOrEqual(parameter.min);
        expect(parameter.default).toBeLessThanOrEqual(parameter.max);
      }
    }
  });

  it('order the scopes: area with type, area, each ancestor likewise, then site with type, site', () => {
    expect(scopesByPrecedence(meterIn('/1/4/'))).toEqual([
      { areaId: 4, meterTypeId: 7 },
      { areaId: 4, meterTypeId: null },
      { areaId: 1, meterTypeId: 7 },
      { areaId: 1, meterTypeId: null },
      { areaId: null, meterTypeId: 7 },
      { areaId: null, meterTypeId: null },
    ]);
    expect(scopesByPrecedence({ areaPath: null, meterTypeId: null })).toEqual([
      { areaId: null, meterTypeId: null },
    ]);
  });

  it('take each setting from the nearest override that sets it, inheriting the rest', () => {
    const overrides: AlarmRuleOverride[] = [
      { kind: 'meter-unreachable', areaId: null, meterTypeId: null, severity: 'minor', params: { runs: 5 } },
      { kind: 'meter-unreachable', areaId: null, meterTypeId: 7, params: { runs: 6 } },
      { kind: 'meter-unreachable', areaId: 1, meterTypeId: null, params: { runs: 4 } },
      { kind: 'meter-unreachable', areaId: 4, meterTypeId: 7, enabled: false },
      { kind: 'cover-open', areaId: 4, meterTypeId: null, severity: 'info' },
    ];
    const rule = resolveAlarmRule('meter-unreachable', overrides, meterIn('/1/4/9/'));
    expect(rule).toMatchObject({ enabled: false, severity: 'minor', params: { runs: 4 } });
    expect(rule.sources).toEqual({
      enabled: { areaId: 4, meterTypeId: 7 },
      severity: { areaId: null, meterTypeId: null },
      runs: { areaId: 1, meterTypeId: null },
    });
    // The area beats the meter type; a meter of another type in another area gets the site's.
    expect(resolveAlarmRule('meter-unreachable', overrides, meterIn('/2/')).params.runs).toBe(6);
    expect(resolveAlarmRule('meter-unreachable', overrides, meterIn('/2/', 8)).params.runs).toBe(5);
    expect(resolveAlarmRule('cover-open', overrides, meterIn('/1/')).severity).toBe('critical');
  });

  it('let the most specific override win whatever else is set (property)', () => {
    const scope = fc.record({
      areaId: fc.constantFrom(null, 1, 4, 9, 12),
      meterTypeId: fc.constantFrom(null, 7, 8),
    });
    const override = fc.record({ scope, runs: fc.integer({ min: 1, max: 100 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(override, { selector: (o) => `${o.scope.areaId}|${o.scope.meterTypeId}` }),
        (list) => {
          const overrides: AlarmRuleOverride[] = list.map((o) => ({
            kind: 'meter-unreachable',
            ...o.scope,
            params: { runs: o.runs },
          }));
          const target = meterIn('/1/4/9/');
          const rule = resolveAlarmRule('meter-unreachable', overrides, target);
          const order = scopesByPrecedence(target);
          const winner = order
            .map((s) =>
              list.find((o) => o.scope.areaId === s.areaId && o.scope.meterTypeId === s.meterTypeId),
            )
            .find((o) => o !== undefined);
          expect(rule.params.runs).toBe(winner?.runs ?? 3);
        },
      ),
    );
  });

  it('say what is wrong with an override', () => {
    expect(alarmRuleProblems('meter-unreachable', { params: { runs: 2 } })).toEqual([]);
    expect(alarmRuleProblems('meter-unreachable', { params: { runs: 0 } })).toEqual([
      'runs must be from 1 to 100',
    ]);
    expect(alarmRuleProblems('meter-unreachable', { params: { runs: 2.5 } })).toEqual([
      'runs must be a whole number',
    ]);
    expect(alarmRuleProblems('cover-open', { params: { runs: 2 } })).toEqual([
      'cover-open has no parameter runs',
    ]);
    expect(alarmRuleProblems('consumption-spike', { params: { factor: 2.5 } })).toEqual([]);
  });
});
