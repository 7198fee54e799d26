import { alarmKinds, severities } from '@openami/domain';
import { describe, expect, it } from 'vitest';
import * as web from '../apps/web/src/api/alarm-types.ts';

/** The alarms page writes down the API's alarm kinds and severities itself; here they are held together. */
describe('the web application and the API agree on alarms', () => {
  it('on the kinds and the severities', () => {
    expect(web.alarmKinds).toEqual(alarmKinds);
    expect(web.severities).toEqual(severities);
  });
});
