import {
  frameProblems,
  meterErrors,
  type ReasonCode,
  reasonCodes,
  refusedRequests,
  runSummaryCodes,
  securityErrors,
} from '@openami/contract';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import zhCN from '../i18n/locales/zh-CN.json';
import { reasonText, runDetailText } from './reason-text.ts';

type Tree = { readonly [key: string]: string | Tree };

function has(tree: Tree, key: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part];
  }
  return typeof node === 'string' && node !== '';
}

/** A reason of every code, with the parameters the head-end gives it. */
const SAMPLES: Readonly<Record<ReasonCode, Readonly<Record<string, unknown>>>> = {
  timeout: {},
  offline: {},
  checksum: {},
  'bad-frame': { problem: 'truncated' },
  'out-of-sync': {},
  'item-refused': { item: '02010200', errors: ['no-data'] },
  'meter-refused': { request: 'remote-control', errors: ['unauthorized'] },
  cancelled: {},
  'no-answer': {},
  'not-sent': {},
  'not-applied': {},
  'top-up-not-recorded': {},
  'security-refused': { step: 'top-up', refusals: ['purchase-count'] },
  'unexpected-answer': { answer: 'read-data' },
  'no-security-module': {},
  'meter-on-no-bus': {},
  'meter-on-no-port': {},
  'no-purchase-count': {},
  'freeze-too-old': { kept: 62, days: ['2026-09-01'] },
  'no-freeze': { days: ['2026-11-20', '2026-11-21'] },
  'run-interrupted': {},
  'run-overlap': {},
  several: {
    reasons: [
      { code: 'timeout', params: {} },
      { code: 'no-answer', params: {} },
    ],
  },
  'internal-error': { message: 'disk full' },
};

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

describe('head-end reasons in words', () => {
  it('word every reason code, error-word bit, SERR bit, frame problem, request and step in both languages', () => {
    const keys = [
      ...reasonCodes.map((c) => `reasons.codes.${c}`),
      ...runSummaryCodes.map((c) => `reasons.runSummaries.${c}`),
      ...meterErrors.map((e) => `reasons.meterErrors.${e}`),
      ...securityErrors.map((e) => `reasons.securityErrors.${e}`),
      ...frameProblems.map((p) => `reasons.frameProblems.${p}`),
      ...refusedRequests.map((r) => `reasons.requests.${r}`),
      ...['identity', 'top-up'].map((s) => `reasons.steps.${s}`),
    ];
    for (const locale of [zhCN, en] as Tree[]) expect(keys.filter((key) => !has(locale, key))).toEqual([]);
  });

  it('fill in every parameter of every code, in both languages', () => {
    for (const t of Object.values(translators)) {
      for (const code of reasonCodes) {
        const text = reasonText(t, { reason: 'english', reasonCode: code, reasonParams: SAMPLES[code] });
        expect(text, code).not.toMatch(/\{\{|reasons\.|english/);
      }
    }
  });

  it('show a Chinese user why, in Chinese, the meter’s own refusals included', () => {
    const t = translators['zh-CN'];
    const word = (reasonCode: ReasonCode, reasonParams: Record<string, unknown> = SAMPLES[reasonCode]) =>
      reasonText(t, { reason: 'english', reasonCode, reasonParams });
    expect(word('timeout')).toBe('电表在规定时间内没有应答');
    expect(word('meter-refused')).toBe('电表拒绝拉合闸命令：密码错或未授权');
    expect(
      word('security-refused', { step: 'top-up', refusals: ['repeated-recharge', 'purchase-count'] }),
    ).toBe('电表拒绝充值：重复充值、充值次数错误');
    expect(word('item-refused')).toBe('电表拒绝读取数据项 02010200：无请求数据');
    // An item the locale files name is named, so a partial read says what it missed (issue 22, item 12).
    expect(word('item-refused', { item: '03300D00', errors: ['unauthorized'] })).toBe(
      '电表拒绝读取数据项 开表盖总次数（03300D00）：密码错或未授权',
    );
    expect(word('no-freeze')).toBe('电表在这些日期没有日冻结（零点时可能停电）：2026-11-20、2026-11-21');
    expect(word('several')).toBe('电表在规定时间内没有应答；未抄读：电表对本次首次通信无应答');
    expect(word('security-refused', { step: 'identity', refusals: [] })).toBe('电表拒绝身份认证：未说明原因');
  });

  it('show an English user the same in English', () => {
    const t = translators.en;
    expect(
      reasonText(t, {
        reason: 'meter 000000000001 refused the top-up: the purchase count is not the next one',
        reasonCode: 'security-refused',
        reasonParams: { step: 'top-up', refusals: ['purchase-count'] },
      }),
    ).toBe('The meter refused the top-up: the purchase count is not the next one');
  });

  it('fall back to the stored text for a row without a code, or with one it does not know', () => {
    const t = translators['zh-CN'];
    expect(reasonText(t, { reason: 'no reply within 900 ms' })).toBe('no reply within 900 ms');
    expect(reasonText(t, { reason: 'old text', reasonCode: null, reasonParams: null })).toBe('old text');
    expect(reasonText(t, { reason: 'newer server', reasonCode: 'made-up', reasonParams: {} })).toBe(
      'newer server',
    );
    expect(reasonText(t, { reason: null })).toBe('');
    // An error-word bit this client does not know shows as the server named it.
    expect(
      reasonText(t, {
        reason: null,
        reasonCode: 'meter-refused',
        reasonParams: { request: 'x', errors: ['new-bit'] },
      }),
    ).toBe('电表拒绝x：new-bit');
  });

  it('word what a run says about itself, and keep the text of a run from before', () => {
    const t = translators['zh-CN'];
    expect(
      runDetailText(t, {
        detail: '4 meters: 3 complete, 0 partial, 1 unreachable',
        detailCode: 'read-summary',
        detailParams: { meters: 4, complete: 3, partial: 0, unreachable: 1 },
      }),
    ).toBe('共 4 块电表：成功 3，部分成功 0，无应答 1');
    expect(runDetailText(t, { detail: 'x', detailCode: 'run-overlap', detailParams: {} })).toBe(
      '该方案上一次执行尚未结束，本次跳过',
    );
    expect(runDetailText(t, { detail: 'time broadcast on 2 bus(es)' })).toBe('time broadcast on 2 bus(es)');
    const samples = {
      'read-summary': { meters: 4, complete: 3, partial: 0, unreachable: 1 },
      'time-sync-summary': { buses: 2 },
      'clock-summary': { meters: 6, flagged: 1, thresholdMinutes: 5 },
      'daily-frozen-summary': { stored: 6, meters: 6, lost: 0, failed: 0 },
    } satisfies Record<(typeof runSummaryCodes)[number], Record<string, number>>;
    for (const translate of Object.values(translators))
      for (const [detailCode, detailParams] of Object.entries(samples))
        expect(runDetailText(translate, { detail: 'english', detailCode, detailParams })).not.toMatch(
          /\{\{|reasons\.|english/,
        );
  });
});
