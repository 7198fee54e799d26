// Every OPENAMI_* name in the repository is a declared setting, so a setting cannot be read, documented or
// mentioned without being declared (and so documented). The application's sources may name only the
// settings of a running OpenAMI, and only this package reads them from the environment; tests, benchmarks
// and their helpers may also name the settings declared for them (developer-settings.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { developerSettings } from './developer-settings.ts';
import { fileSettingNames, settingFacts } from './docs.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const searched = [
  'apps',
  'packages',
  'e2e',
  'bench',
  'scripts',
  'docs',
  'README.md',
  'ARCHITECTURE.md',
  '.ci',
];
// Built output, installed packages and local data are not ours to check.
const skipped = new Set(['node_modules', 'dist', 'data', 'screenshots', '.git']);
const textFile = /\.(ts|tsx|js|mjs|json|md|html|css)$|^\.ci\/run$/;

function files(path: string): string[] {
  const absolute = join(root, path);
  const entries = (() => {
    try {
      return readdirSync(absolute, { withFileTypes: true });
    } catch {
      return undefined;
    }
  })();
  if (entries === undefined) return textFile.test(path) ? [path] : [];
  return entries
    .filter((entry) => !skipped.has(entry.name))
    .flatMap((entry) => files(relative(root, join(absolute, entry.name))));
}

const isApplicationSource = (path: string) =>
  /^(apps|packages)\/[^/]+\/src\//.test(path) &&
  !/\.test\.tsx?$/.test(path) &&
  // Where the tests' and benchmarks' settings are declared.
  path !== 'packages/config/src/developer-settings.ts';

const operator = new Set([...settingFacts.map((s) => s.name), ...fileSettingNames]);
const developer = new Set(developerSettings.map((s) => s.name));
const all = searched.flatMap(files);

describe('OPENAMI_* names in the repository', () => {
  it('finds the sources', () => {
    expect(all).toContain('apps/server/src/server.ts');
    expect(all).toContain('packages/config/src/settings.ts');
    expect(all).toContain('e2e/support/browser.ts');
  });

  it('are all declared settings; the application names only those of a running OpenAMI', () => {
    const undeclared: string[] = [];
    for (const path of all) {
      const allowed = isApplicationSource(path) ? operator : new Set([...operator, ...developer]);
      for (const [name] of readFileSync(join(root, path), 'utf8').matchAll(/OPENAMI_[A-Z0-9_]+/g))
        if (!allowed.has(name)) undeclared.push(`${path}: ${name}`);
    }
    expect(undeclared, 'declare it in packages/config/src/settings.ts (or developer-settings.ts)').toEqual(
      [],
    );
  });

  it('are read from the environment only by @openami/config', () => {
    const readers = all.filter(
      (path) =>
        isApplicationSource(path) &&
        !path.startsWith('packages/config/') &&
        /env(\.|\[['"`])OPENAMI_/.test(readFileSync(join(root, path), 'utf8')),
    );
    expect(readers, 'read settings through loadConfig or loadSetting of @openami/config').toEqual([]);
  });
});
