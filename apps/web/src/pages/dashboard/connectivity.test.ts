import type { MonitoredMeter } from '@openami/contract';
import { describe, expect, it } from 'vitest';
import { connectivity } from './connectivity.ts';

type MeterAlarm = MonitoredMeter['alarms'][number];
const alarm = (kind: MeterAlarm['kind']): MeterAlarm => ({
  id: 1,
  kind,
  severity: 'major',
  state: 'raised',
  objectType: 'meter',
  objectId: '1',
  raisedAt: 0,
});

describe('connectivity', () => {
  it('counts a meter offline by its own or its terminal’s alarm, unknown until read, online otherwise', () => {
    expect(
      connectivity([
        { alarms: [], lastReadAt: 1 },
        { alarms: [alarm('cover-open')], lastReadAt: 1 },
        { alarms: [alarm('meter-unreachable')], lastReadAt: 1 },
        { alarms: [alarm('terminal-offline')], lastReadAt: null },
        { alarms: [], lastReadAt: null },
      ]),
    ).toEqual({ online: 2, offline: 2, unknown: 1 });
  });
});
