import { periodStatuses } from '@openami/contract';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import { periodHeading, periodTitle } from './period-title.ts';

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

describe('report periods in words (issue 22)', () => {
  it('names a month the range cuts by its days, not as the whole month', () => {
    const span = {
      period: '2026-12',
      from: '2026-12-01',
      to: '2026-12-07',
      partial: true,
      status: 'over',
    } as const;
    expect(periodTitle(span, translators['zh-CN'])).toEqual({
      label: '2026-12-01–2026-12-07',
      mark: '',
      final: true,
    });
    expect(periodHeading(span, translators.en)).toBe('2026-12-01–2026-12-07');
  });

  it('marks a period not over, in both languages', () => {
    const today = {
      period: '2026-11-22',
      from: '2026-11-22',
      to: '2026-11-22',
      partial: false,
      status: 'running',
    } as const;
    expect(periodHeading(today, translators['zh-CN'])).toBe('2026-11-22（未完）');
    expect(periodHeading(today, translators.en)).toBe('2026-11-22 (so far)');
    expect(periodTitle(today, translators.en).final).toBe(false);
    for (const status of periodStatuses.filter((s) => s !== 'over')) {
      for (const t of Object.values(translators)) {
        expect(t(`reports.periodStatus.${status}`)).not.toBe(`reports.periodStatus.${status}`);
      }
    }
  });
});
