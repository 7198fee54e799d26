import { alarmKinds, alarmStates, severities } from '@openami/contract';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';

type Tree = { readonly [key: string]: string | Tree };

function has(tree: Tree, key: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part];
  }
  return typeof node === 'string';
}

describe('alarm and monitoring words', () => {
  it('name every kind, severity, state, feed state and colour in both languages', () => {
    const keys = [
      ...alarmKinds.map((k) => `alarms.kinds.${k}`),
      ...severities.map((s) => `alarms.severities.${s}`),
      ...['open', ...alarmStates].map((s) => `alarms.states.${s}`),
      ...['live', 'connecting', 'lost'].map((f) => `alarms.feed.${f}`),
      ...['green', 'yellow', 'red'].map((c) => `monitor.colours.${c}`),
    ];
    for (const locale of [zhCN, en] as Tree[]) expect(keys.filter((key) => !has(locale, key))).toEqual([]);
  });
});
