import {
  areaKinds as domainAreaKinds,
  meterStates as domainMeterStates,
  permissions,
  roles,
} from '@openami/domain';
import { ITEM_GROUPS, REASON_CODES, RUN_SUMMARY_CODES } from '@openami/headend';
import { ERROR_REASON_TEXT, SECURITY_ERROR_TEXT } from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import * as reasons from '../apps/web/src/api/reasons.ts';
import * as web from '../apps/web/src/api/types.ts';
import en from '../apps/web/src/i18n/locales/en.json' with { type: 'json' };
import zhCN from '../apps/web/src/i18n/locales/zh-CN.json' with { type: 'json' };

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

  it('on the head-end’s reason codes, and on the meter’s own words for its error bits', () => {
    expect(reasons.reasonCodes).toEqual(REASON_CODES);
    expect(reasons.runSummaryCodes).toEqual(RUN_SUMMARY_CODES);
    expect([...reasons.meterErrors].sort()).toEqual(Object.keys(ERROR_REASON_TEXT).sort());
    expect([...reasons.securityErrors].sort()).toEqual(Object.keys(SECURITY_ERROR_TEXT).sort());
    // One wording of the standards' tables: the web's is the protocol package's.
    for (const [name, text] of Object.entries(ERROR_REASON_TEXT)) {
      expect(zhCN.reasons.meterErrors[name as keyof typeof zhCN.reasons.meterErrors]).toBe(text.zh);
      expect(en.reasons.meterErrors[name as keyof typeof en.reasons.meterErrors]).toBe(text.en);
    }
    for (const [name, text] of Object.entries(SECURITY_ERROR_TEXT)) {
      expect(zhCN.reasons.securityErrors[name as keyof typeof zhCN.reasons.securityErrors]).toBe(text.zh);
      expect(en.reasons.securityErrors[name as keyof typeof en.reasons.securityErrors]).toBe(text.en);
    }
  });
});
