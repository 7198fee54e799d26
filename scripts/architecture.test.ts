// The dependency direction is stated once, as Biome's allow-lists (biome.json, one override per workspace);
// this test holds the workspaces' manifests to the same graph, so that a dependency added to a package.json
// without its place in the architecture (or an allow-list without the dependency) fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

interface Override {
  readonly includes: readonly string[];
  readonly linter?: {
    readonly rules?: {
      readonly style?: {
        readonly noRestrictedImports?: {
          readonly options: { readonly patterns: readonly { readonly group: readonly string[] }[] };
        };
      };
    };
  };
}

const biome = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as {
  readonly overrides: readonly Override[];
};

const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`),
);

/** The workspaces of ours a path's files may import (`domain`, `headend/api`), or undefined if unrestricted. */
function allowedFor(path: string, tests: boolean): string[] | undefined {
  const lists = biome.overrides.filter((override) => override.linter?.rules?.style?.noRestrictedImports);
  const code = lists.find((override) => override.includes[0] === `${path}/**`);
  const ownTests = lists.find((override) => override.includes[0] === `${path}/**/*.test.ts`);
  const patterns = (tests ? (ownTests ?? code) : code)?.linter?.rules?.style?.noRestrictedImports?.options
    .patterns;
  const ours = patterns?.find((pattern) => pattern.group.includes('@openami/*'));
  return ours?.group.filter((entry) => entry.startsWith('!@openami/')).map((entry) => entry.slice(10));
}

function manifest(path: string): {
  readonly dependencies: string[];
  readonly devDependencies: string[];
} {
  const json = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const ours = (deps: Record<string, string> | undefined) =>
    Object.keys(deps ?? {})
      .filter((name) => name.startsWith('@openami/'))
      .map((name) => name.slice(9))
      .sort();
  return { dependencies: ours(json.dependencies), devDependencies: ours(json.devDependencies) };
}

const roots = (allowed: readonly string[]) =>
  [...new Set(allowed.map((name) => name.split('/')[0] ?? name))].sort();

describe('the architecture', () => {
  const composed = ['apps/cli'];

  it('has an allow-list for the code and the tests of every workspace but the composing CLI', () => {
    for (const path of workspaces) {
      if (composed.includes(path)) continue;
      expect(allowedFor(path, false), path).toBeDefined();
      expect(allowedFor(path, true), `${path} tests`).toBeDefined();
    }
  });

  it('is what each workspace declares: its dependencies are the workspaces its code may import', () => {
    for (const path of workspaces) {
      if (composed.includes(path)) continue;
      const { dependencies } = manifest(path);
      expect(dependencies, path).toEqual(roots(allowedFor(path, false) ?? []));
    }
  });

  it('lets tests reach only what the workspace depends on, or declares for its tests', () => {
    for (const path of workspaces) {
      if (composed.includes(path)) continue;
      const { dependencies, devDependencies } = manifest(path);
      const self = path.split('/')[1] as string;
      const declared = new Set([...dependencies, ...devDependencies, self]);
      for (const workspace of roots(allowedFor(path, true) ?? [])) {
        expect(declared.has(workspace), `${path} tests may import @openami/${workspace}`).toBe(true);
      }
    }
  });
});
