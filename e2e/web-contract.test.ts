import {
  areaKinds as domainAreaKinds,
  meterStates as domainMeterStates,
  permissions,
  roles,
} from '@openami/domain';
import { ITEM_GROUPS } from '@openami/headend';
import { describe, expect, it } from 'vitest';
import * as web from '../apps/web/src/api/types.ts';

/**
 * The web application reads the API only, so it writes down the API's closed lists itself
 * (apps/web/src/api/types.ts). This test is where the two are held together.
 */
describe('the web application and the API agree', () => {
  it('on roles, permissions, area kinds and meter states', () => {
    expect(web.roles).toEqual(roles);
    expect(web.permissions).toEqual(permissions);
    expect(web.areaKinds).toEqual(domainAreaKinds);
    expect(web.meterStates).toEqual(domainMeterStates);
  });

  it('on the item groups an operator may read now', () => {
    expect(web.itemGroups).toEqual(Object.keys(ITEM_GROUPS));
    const hex = (ids: readonly number[]) => ids.map((id) => id.toString(16).toUpperCase().padStart(8, '0'));
    for (const group of web.itemGroups) {
      expect(web.itemGroupIdentifiers[group]).toEqual(hex(ITEM_GROUPS[group]));
    }
  });
});
