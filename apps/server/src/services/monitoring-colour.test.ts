import { describe, expect, it } from 'vitest';
import { pointColour } from './monitoring-colour.ts';

describe('the monitoring colour of a meter', () => {
  it('is green with nothing open', () => {
    expect(pointColour({ meterState: 'installed', alarms: [] })).toBe('green');
  });

  it('is yellow for an alarm that is not a fault', () => {
    expect(
      pointColour({ meterState: 'installed', alarms: [{ kind: 'low-balance', severity: 'minor' }] }),
    ).toBe('yellow');
  });

  it('is red for a fault kind, a critical alarm, or a meter marked faulty', () => {
    const red = [
      { meterState: 'installed', alarms: [{ kind: 'meter-unreachable', severity: 'minor' }] },
      { meterState: 'installed', alarms: [{ kind: 'terminal-offline', severity: 'critical' }] },
      { meterState: 'installed', alarms: [{ kind: 'cover-open', severity: 'critical' }] },
      {
        meterState: 'installed',
        alarms: [
          { kind: 'low-balance', severity: 'minor' },
          { kind: 'register-backwards', severity: 'major' },
        ],
      },
      { meterState: 'faulty', alarms: [] },
    ];
    for (const input of red) expect(pointColour(input), JSON.stringify(input)).toBe('red');
  });
});
