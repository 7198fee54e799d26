import type { MonitoredMeter } from '@openami/contract';

/** One row of the schematic: the meters of one area (a floor, a meter box), named below the chosen area. */
export interface SchematicGroup {
  readonly areaId: number;
  /** The areas from just below the chosen one down to the meters' own: `1号楼 / 3层 / 表箱A`. */
  readonly trail: readonly string[];
  readonly meters: readonly MonitoredMeter[];
}

/**
 * Groups the meters by the area they hang in, in the order of the area tree (by area codes along the
 * trail), each group's meters by factory number. Meters of the chosen area itself form a group with an
 * empty trail.
 */
export function schematicGroups(
  meters: readonly MonitoredMeter[],
  chosenAreaId: number | undefined,
): readonly SchematicGroup[] {
  const groups = new Map<number, { sortKey: string; trail: string[]; meters: MonitoredMeter[] }>();
  for (const meter of meters) {
    let group = groups.get(meter.areaId);
    if (group === undefined) {
      const chosenAt = meter.areas.findIndex((a) => a.id === chosenAreaId);
      const below = meter.areas.slice(chosenAt + 1);
      group = {
        sortKey: below.map((a) => a.code).join('\u0000'),
        trail: below.map((a) => a.name),
        meters: [],
      };
      groups.set(meter.areaId, group);
    }
    group.meters.push(meter);
  }
  return [...groups.entries()]
    .sort(([, a], [, b]) => a.sortKey.localeCompare(b.sortKey))
    .map(([areaId, group]) => ({
      areaId,
      trail: group.trail,
      meters: group.meters.sort((a, b) => a.factoryNo.localeCompare(b.factoryNo)),
    }));
}
