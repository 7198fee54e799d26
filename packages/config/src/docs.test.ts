// `.env.example` and docs/configuration.md against the declarations: every setting in both, nothing
// undeclared in either, and both exactly as `npm run config:docs` makes them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { developerSettings } from './developer-settings.ts';
import { fileSettingNames, renderEnvExample, settingFacts, withSettingsTables } from './docs.ts';

const root = new URL('../../../', import.meta.url);
const envExample = readFileSync(new URL('.env.example', root), 'utf8');
const page = readFileSync(new URL('docs/configuration.md', root), 'utf8');

const declared = settingFacts.map((s) => s.name);
const nameable = [...declared, ...fileSettingNames];
const forDevelopers = developerSettings.map((s) => s.name);
const fix = 'edit packages/config/src/settings.ts, then run `npm run config:docs`';

const matches = (text: string, pattern: RegExp): string[] =>
  [...text.matchAll(pattern)].map((m) => m[1] ?? '');
const missing = (wanted: readonly string[], found: readonly string[]) =>
  wanted.filter((n) => !found.includes(n));

describe('.env.example', () => {
  const listed = matches(envExample, /^#?(OPENAMI_[A-Z0-9_]+)=/gm);
  const named = matches(envExample, /(OPENAMI_[A-Z0-9_]+)/g);

  it('lists every setting, once', () => {
    expect(missing(declared, listed), fix).toEqual([]);
    expect(listed).toHaveLength(new Set(listed).size);
  });

  it('names no setting that is not declared, and none of the tests or benchmarks', () => {
    expect(missing(named, nameable), fix).toEqual([]);
  });

  it('is as npm run config:docs makes it', () => {
    expect(envExample, fix).toBe(renderEnvExample());
  });
});

describe('docs/configuration.md', () => {
  const rows = matches(page, /^\| `(OPENAMI_[A-Z0-9_]+)` \|/gm);
  const named = matches(page, /(OPENAMI_[A-Z0-9_]+)/g);

  it('has a row for every setting, and for every setting of the tests and benchmarks, once', () => {
    expect(missing([...declared, ...forDevelopers], rows), fix).toEqual([]);
    expect(rows).toHaveLength(new Set(rows).size);
  });

  it('names no setting that is not declared', () => {
    expect(missing(named, [...nameable, ...forDevelopers]), fix).toEqual([]);
  });

  it('is as npm run config:docs makes it', () => {
    expect(page, fix).toBe(withSettingsTables(page));
  });
});
