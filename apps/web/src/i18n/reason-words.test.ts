import { meterCommandKinds, meterErrorWords, securityErrorWords } from '@openami/contract';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The meter's error bits and the security module's refusals have the standards' words; the locales use them. */
describe('the locale files', () => {
  it('word the meter’s error bits and the security refusals as the protocol package does', () => {
    for (const [name, text] of Object.entries(meterErrorWords)) {
      expect(zhCN.reasons.meterErrors[name as keyof typeof zhCN.reasons.meterErrors], name).toBe(text.zh);
      expect(en.reasons.meterErrors[name as keyof typeof en.reasons.meterErrors], name).toBe(text.en);
    }
    for (const [name, text] of Object.entries(securityErrorWords)) {
      expect(zhCN.reasons.securityErrors[name as keyof typeof zhCN.reasons.securityErrors], name).toBe(
        text.zh,
      );
      expect(en.reasons.securityErrors[name as keyof typeof en.reasons.securityErrors], name).toBe(text.en);
    }
  });

  it('name every kind of command a meter’s list may show, in both languages', () => {
    for (const kind of meterCommandKinds) {
      expect(zhCN.commandKinds[kind], kind).toBeTruthy();
      expect(en.commandKinds[kind], kind).toBeTruthy();
    }
  });
});
