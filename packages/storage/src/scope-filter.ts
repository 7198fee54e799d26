import type { AreaScope } from '@openami/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Engine } from './connect.ts';

/**
 * SQL for "this row's area is inside the user's scope": the row's area id must be one whose materialised
 * path starts with one of the scope's paths. `undefined` when the scope is every area.
 */
export function areaInScope(areaIdColumn: string, scope: AreaScope): RawBuilder<boolean> | undefined {
  if (scope.kind === 'all') return undefined;
  return areaUnderAny(areaIdColumn, scope.paths);
}

/** The row's area is one of `paths` or beneath it. Paths hold only digits and slashes: nothing to escape. */
export function areaUnderAny(areaIdColumn: string, paths: readonly string[]): RawBuilder<boolean> {
  if (paths.length === 0) return sql<boolean>`1 = 0`;
  const prefixes = paths.map((path) => sql`path like ${`${path}%`}`);
  return sql<boolean>`${sql.ref(areaIdColumn)} in (select id from areas where ${sql.join(prefixes, sql` or `)})`;
}

/**
 * `column` starts with `text`, taken literally, written so that each engine can use an index: SQLite's LIKE
 * ignores ASCII case and so skips BINARY indexes, while GLOB is case-sensitive and uses them; PostgreSQL
 * uses its `text_pattern_ops` indexes for a LIKE with a fixed prefix. Both are case-sensitive.
 */
export function startsWith(engine: Engine, column: string, text: string): RawBuilder<boolean> {
  if (engine === 'sqlite') {
    const pattern = `${text.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
    return sql<boolean>`${sql.ref(column)} glob ${pattern}`;
  }
  const pattern = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern}`;
}
