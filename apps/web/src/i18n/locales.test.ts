import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  areaKinds,
  cardStandards,
  commandKinds,
  commandStates,
  itemGroups,
  locales,
  meterOutcomes,
  meterProtocols,
  meterStates,
  parities,
  planKinds,
  roles,
  runStatuses,
  runTriggers,
  scheduleKinds,
  statusFieldValues,
  statusFlags,
  terminalModes,
} from '@openami/contract';
import { describe, expect, it } from 'vitest';
import { navigation } from '../layout/navigation.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

type Tree = { readonly [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

const srcDir = join(import.meta.dirname, '..');
const zhKeys = new Set(keysOf(zhCN));
const enKeys = new Set(keysOf(en));

describe('locale files', () => {
  it('have the same keys in zh-CN and en', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('hold every key the code asks for by name', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(match[1] as string);
      for (const match of text.matchAll(/\b(?:labelKey|titleKey)[=:]\s*["']([^"']+)["']/g))
        used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('name every value the API sends that a page shows in words', () => {
    const named: [string, readonly (string | number)[]][] = [
      ['roles', roles],
      ['meterStates', meterStates],
      ['areaKinds', areaKinds],
      ['protocols', meterProtocols],
      ['cardStandards', cardStandards],
      ['terminalModes', terminalModes],
      ['parities', parities],
      ['phases', [1, 3]],
      ['language.names', locales],
      ['import.title', ['meters', 'customers']],
      ['meters', ['ptPrimary', 'ptSecondary', 'ctPrimary', 'ctSecondary']],
      ['itemGroups', itemGroups],
      ['meterOutcomes', meterOutcomes],
      ['commandKinds', commandKinds],
      ['commandStates', commandStates],
      ['meter.confirm', commandKinds],
      ['readingFlags', ['register-backwards', 'rollover', 'exceeds-capacity']],
      ['planKinds', planKinds],
      ['runStatuses', runStatuses],
      ['runTriggers', runTriggers],
      ['scheduleKinds', scheduleKinds],
      ['meter.statusFlags', statusFlags],
      ...Object.entries(statusFieldValues).map(
        ([field, values]) => [`meter.statusFields.${field}`, values] as [string, readonly number[]],
      ),
      ['meter.weekdays', [0, 1, 2, 3, 4, 5, 6]],
    ];
    const missing = named.flatMap(([prefix, values]) =>
      values.map((v) => `${prefix}.${v}`).filter((key) => !zhKeys.has(key)),
    );
    const navKeys = navigation.flatMap((g) => [g.labelKey, ...g.entries.map((e) => e.labelKey)]);
    expect([...missing, ...navKeys.filter((k) => !zhKeys.has(k))]).toEqual([]);
  });
});
