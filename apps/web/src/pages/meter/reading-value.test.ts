import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import { readingText, readingWords } from './reading-value.ts';

const translators: Partial<Record<'zh-CN' | 'en', TFunction>> = {};
const t = (lng: 'zh-CN' | 'en') => translators[lng] as TFunction;

beforeAll(async () => {
  for (const [lng, translation] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as const) {
    const instance = i18next.createInstance();
    await instance.init({
      lng,
      resources: { [lng]: { translation } },
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    translators[lng] = instance.t;
  }
});

describe('a reading in words', () => {
  it('gives numbers their unit', () => {
    expect(readingText(1234.56, 'kWh')).toBe('1234.56 kWh');
    expect(readingText(0.98, undefined)).toBe('0.98');
    expect(readingWords({ value: 229.7, unit: 'V', form: null }, t('zh-CN'))).toBe('229.7 V');
  });

  it('lists the parts of a composite value', () => {
    expect(readingText({ relayOpen: true, batteryLow: false }, undefined)).toBe(
      'relayOpen: true, batteryLow: false',
    );
    expect(readingText([1, 2], 'V')).toBe('1, 2 V');
  });

  it('words a status word by its set flags and fields, in the reader’s language, never in raw English', () => {
    const word = {
      value: { raw: 0x0214, flags: { relayOpen: true, demandBlockMode: false, supply: 2 } },
      form: {
        kind: 'flags',
        raw: 0x0214,
        set: ['relayOpen', 'preTripAlarm'],
        fields: [{ name: 'supply', value: 2 }],
      },
    } as const;
    expect(readingWords(word, t('zh-CN'))).toBe('继电器断开，预跳闸报警，供电：电池（状态字 0x0214）');
    expect(readingWords(word, t('en'))).toBe(
      'relay open (load disconnected), pre-trip alarm, supply: battery (word 0x0214)',
    );
    const quiet = { value: {}, form: { kind: 'flags', raw: 0, set: [], fields: [] } } as const;
    expect(readingWords(quiet, t('zh-CN'))).toBe('无置位（状态字 0x0000）');
    expect(readingWords(quiet, t('zh-CN'))).not.toMatch(/raw|flags|false/);
    const block = { value: [], form: { kind: 'words', words: [quiet.form, word.form] } } as const;
    expect(readingWords(block, t('en'))).toBe(
      'word 1: none set (word 0x0000); word 2: relay open (load disconnected), pre-trip alarm, supply: battery (word 0x0214)',
    );
  });

  it('words the meter’s clock as a date, weekday and time, not as year: …, month: …', () => {
    const date = { value: {}, form: { kind: 'date', date: '2026-12-07', weekday: 1 } } as const;
    expect(readingWords(date, t('zh-CN'))).toBe('2026-12-07 星期一');
    expect(readingWords(date, t('en'))).toBe('2026-12-07 Monday');
    expect(readingWords({ value: {}, form: { kind: 'timeOfDay', time: '21:03:00' } }, t('en'))).toBe(
      '21:03:00',
    );
    expect(
      readingWords(
        { value: {}, form: { kind: 'dateTime', epochMs: 0, local: '2026-12-01 08:05:09' } },
        t('zh-CN'),
      ),
    ).toBe('2026-12-01 08:05:09');
  });
});
