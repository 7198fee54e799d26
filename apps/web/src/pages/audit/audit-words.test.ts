import { auditActions, auditEntities, localSources, systemActors } from '@openami/contract';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import { actionText, actorText, detailLines, entityIdText, entityText, sourceText } from './audit-words.ts';

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

describe('the audit log in words (issue 22, item 15)', () => {
  it('words every action, entity, system actor and local source the contract lists, in both languages', () => {
    for (const t of Object.values(translators)) {
      const unworded = [
        ...auditActions.filter((a) => actionText(a, t) === a || actionText(a, t).startsWith('audit.')),
        ...auditEntities.filter((e) => entityText(e, t).startsWith('audit.')),
        ...systemActors.filter((a) => actorText({ actorUserId: null, actorName: a }, t).startsWith('audit.')),
        ...localSources.filter((s) => sourceText(s, t).startsWith('audit.')),
      ];
      expect(unworded).toEqual([]);
    }
  });

  it('shows the station’s charge as a person reads it, not as “vending.charge / account / local”', () => {
    const t = translators['zh-CN'];
    const entry = { actorUserId: null, actorName: 'station' };
    expect([
      actionText('vending.charge', t),
      entityText('account', t),
      sourceText('local', t),
      actorText(entry, t),
    ]).toEqual(['用电扣费（远程费控）', '账户', '本机', '系统（远程费控）']);
    expect(actorText({ actorUserId: null, actorName: 'resident:AC0001' }, t)).toBe('住户（户号 AC0001）');
    expect(actorText({ actorUserId: 7, actorName: 'li.si' }, t)).toBe('li.si');
    expect(sourceText('10.0.0.8', t)).toBe('10.0.0.8');
    expect(entityIdText('*', t)).toBe('（批量）');
  });

  it('words the details: money in yuan, energy in kWh, a change as before → after', () => {
    const t = translators['zh-CN'];
    expect(
      detailLines(
        {
          entryId: 12,
          amountFen: -4883,
          energyWh: -100_000,
          invoiceNo: null,
          phones: [['139'], []],
          state: ['open', 'closed'],
        },
        t,
      ),
    ).toEqual([
      ['账务记录号', '12'],
      ['金额', '-48.83 元'],
      ['电量', '-100 kWh'],
      ['发票号', '—'],
      ['电话', '[["139"],[]]'],
      ['状态', 'open → closed'],
    ]);
    expect(detailLines({ somethingNew: 1 }, translators.en)).toEqual([['somethingNew', '1']]);
  });
});
