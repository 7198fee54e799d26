import { describe, expect, it } from 'vitest';
import { pointColour } from './monitoring-colour.ts';

describe('the monitoring colour of a meter', () => {
  it('is green with nothing open', () => {
    expect(pointColour({ meterState: 'installed', everRead: true, alarms: [] })).toBe('green');
  });

  it('is yellow for an alarm that is not a fault', () => {
    expect(
      pointColour({
        meterState: 'installed',
        everRead: true,
        alarms: [{ kind: 'low-balance', severity: 'minor' }],
      }),
    ).toBe('yellow');
  });

  it('is red for a fault kind or a meter marked faulty, and yellow for an alarm however severe', () => {
    expect(
      pointColour({
        meterState: 'installed',
        everRead: true,
        alarms: [{ kind: 'cover-open', severity: 'critical' }],
      }),
    ).toBe('yellow');
    const red = [
      { meterState: 'installed', everRead: true, alarms: [{ kind: 'meter-unreachable', severity: 'minor' }] },
      {
        meterState: 'installed',
        everRead: true,
        alarms: [{ kind: 'terminal-offline', severity: 'critical' }],
      },
      {
        meterState: 'installed',
        everRead: true,
        alarms: [
          { kind: 'low-balance', severity: 'minor' },
          { kind: 'register-backwards', severity: 'major' },
        ],
      },
      { meterState: 'faulty', everRead: false, alarms: [] },
    ];
    for (const input of red) expect(pointColour(input), JSON.stringify(input)).toBe('red');
  });

  it('is grey while nothing is open but the meter was never read', () => {
    expect(pointColour({ meterState: 'installed', everRead: false, alarms: [] })).toBe('grey');
    // An alarm says more than the lack of a reading.
    expect(
      pointColour({
        meterState: 'installed',
        everRead: false,
        alarms: [{ kind: 'meter-unreachable', severity: 'major' }],
      }),
    ).toBe('red');
  });
});
