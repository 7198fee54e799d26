import { type ItemGroup, itemGroupIdentifiers, itemGroups } from '@openami/contract';

/**
 * A plan's items as an operator names them: a whole group of identifiers becomes the group's name, the
 * rest stay identifiers, in the order they came. The head-end stores plans with their groups expanded.
 */
export function collapseItems(items: readonly string[]): (ItemGroup | string)[] {
  const given = new Set(items.map((i) => i.toUpperCase()));
  const whole = itemGroups.filter((g) => itemGroupIdentifiers[g].every((id) => given.has(id)));
  const covered = new Set(whole.flatMap((g) => itemGroupIdentifiers[g]));
  const result: (ItemGroup | string)[] = [];
  for (const item of items) {
    const id = item.toUpperCase();
    const group = whole.find((g) => itemGroupIdentifiers[g].includes(id));
    if (group !== undefined) {
      if (!result.includes(group)) result.push(group);
    } else if (!covered.has(id)) result.push(item);
  }
  return result;
}
