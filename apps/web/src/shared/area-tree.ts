import type { Area } from '@openami/contract';

export interface AreaNode {
  readonly area: Area;
  readonly children: readonly AreaNode[];
}

/**
 * The areas a user may see, as a forest: an area whose parent is not visible (a user scoped to a building
 * sees that building as a root) becomes a root. Children are in code order.
 */
export function areaForest(areas: readonly Area[]): readonly AreaNode[] {
  const visible = new Set(areas.map((a) => a.id));
  const childrenOf = new Map<number | null, Area[]>();
  for (const area of areas) {
    const parent = area.parentId !== null && visible.has(area.parentId) ? area.parentId : null;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(area);
    childrenOf.set(parent, siblings);
  }
  const build = (parent: number | null): AreaNode[] =>
    (childrenOf.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((area) => ({ area, children: build(area.id) }));
  return build(null);
}

/** `阳光小区 / 1号楼 / 2单元`: an area named with its visible ancestors, for tables and pickers. */
export function areaTrail(area: Area, byId: ReadonlyMap<number, Area>): string {
  const names: string[] = [];
  let current: Area | undefined = area;
  while (current !== undefined) {
    names.unshift(current.name);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return names.join(' / ');
}
