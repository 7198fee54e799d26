// Alarm evidence in words: every field the engine writes has a label in both languages, and values show in
// their units, with no raw key or code left (issue 22: "runsInARow" on the Chinese alarms page).
import { alarmEvidenceFields } from '@openami/contract';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import { evidenceItems } from './evidence-words.ts';

type Tree = { readonly [key: string]: string | Tree };

function has(tree: Tree, key: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part];
  }
  return typeof node === 'string' && node !== '';
}

const translators: Record<'zh-CN' | 'en', TFunction> = {} as never;

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

describe('alarm evidence in words', () => {
  it('labels every evidence field the engine writes in both languages', () => {
    const keys = Object.keys(alarmEvidenceFields).map((name) => `alarms.evidenceFields.${name}`);
    for (const locale of [zhCN, en] as Tree[]) expect(keys.filter((key) => !has(locale, key))).toEqual([]);
  });

  it('words an unreachable meter’s, a balance’s, a clock’s and an overload’s evidence in Chinese', () => {
    const t = translators['zh-CN'];
    const words = (fields: Record<string, unknown>) =>
      evidenceItems(fields, t, 'zh-CN').map((item) => `${item.label}：${item.value}`);
    expect(words({ runsInARow: 3, reasons: ['timeout'], cause: { code: 'several', params: {} } })).toEqual([
      '连续抄读失败次数：3',
    ]);
    expect(words({ remainingWh: -10, alarmEnergyWh: 10_000, creditLimitWh: 0, relayOpen: true })).toEqual([
      '剩余电量：-0.01 kWh',
      '报警电量：10 kWh',
      '透支电量：0 kWh',
      '继电器已断开：是',
    ]);
    expect(words({ balanceFen: 1234, offsetMs: 301_500, limitMs: 300_000 })).toEqual([
      '余额：12.34 元',
      '时钟偏差：301.5 秒',
      '允许的最大偏差：300 秒',
    ]);
    expect(
      words({
        statusWord3: { relayOpen: true, relayCommandOpen: false, preTripAlarm: false, raw: 16 },
        flags: ['register-backwards'],
        days: [{ day: '2026-12-01', energyWh: 0 }],
        foundOpen: true,
        openings: 1,
      }),
    ).toEqual([
      '状态字 3：继电器断开',
      '读数标记：示值倒走',
      '各日电量：2026-12-01：0 kWh',
      '抄读时发现开盖：是',
      '电表记录的开盖次数：1',
    ]);
  });

  it('leaves no raw field name in either language', () => {
    const sample = Object.fromEntries(Object.keys(alarmEvidenceFields).map((name) => [name, 1]));
    for (const language of ['zh-CN', 'en'] as const) {
      const labels = evidenceItems(sample, translators[language], language).map((item) => item.label);
      expect(labels.filter((label) => label in alarmEvidenceFields)).toEqual([]);
    }
  });
});
