/**
 * Which areas a user may act on (002 §3.5): its own areas and everything beneath them. Areas carry a
 * materialised path of their ancestors' ids, `/1/4/9/`, so "beneath" is a prefix test in memory and a
 * `LIKE 'prefix%'` in SQL.
 */
export type AreaScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'paths'; readonly paths: readonly string[] };

export const everyArea: AreaScope = Object.freeze({ kind: 'all' });

export function areaPath(parentPath: string | null, areaId: number): string {
  return `${parentPath ?? '/'}${areaId}/`;
}

export function scopeIncludes(scope: AreaScope, path: string): boolean {
  if (scope.kind === 'all') return true;
  return scope.paths.some((allowed) => path.startsWith(allowed));
}

/** Drops paths already covered by an ancestor in the same scope, so SQL filters stay short. */
export function normaliseScope(paths: readonly string[]): AreaScope {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const path of sorted) {
    if (!kept.some((ancestor) => path.startsWith(ancestor))) kept.push(path);
  }
  return { kind: 'paths', paths: kept };
}

export const areaKinds = [
  'region',
  'transformer_area',
  'community',
  'building',
  'unit',
  'floor',
  'meter_box',
  'other',
] as const;
export type AreaKind = (typeof areaKinds)[number];
