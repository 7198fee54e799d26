// The drawing of a site as the monitoring schematic shows it: buildings side by side, each with its units
// side by side and its floors stacked highest first, every floor of a unit holding its meter boxes; supply
// meters below the building they feed, the transformer area's below them all. Pure: meters in, layout out.
import type { MonitoredArea, MonitoredMeter, PointColour } from '@openami/contract';
import { floorOfLabel, floorOfRoom, roomOfUnit } from './floor-of-room.ts';

/**
 * A meter box (表箱): the meters of one `meter_box` area, or, where the archive has none, every meter of one
 * floor of a unit.
 */
export interface MeterBox {
  readonly key: string;
  /** The meter box area's name; null for the box a floor makes. */
  readonly name: string | null;
  readonly meters: readonly MonitoredMeter[];
}

export interface UnitColumn {
  readonly key: string;
  readonly areaId: number | null;
  /** Null: meters of the building that hang in no unit. */
  readonly name: string | null;
  /** Cells a row of its meter boxes holds, the same on every floor so the floors line up. */
  readonly columns: number;
}

export interface FloorRow {
  /** Null: the row of meters whose floor neither an area nor a room number says. */
  readonly floor: number | null;
  /** The floor's meter boxes in each unit, in the order of `units`. */
  readonly boxes: readonly (readonly MeterBox[])[];
}

export interface BuildingDrawing {
  readonly key: string;
  readonly areaId: number | null;
  /** Null: meters that hang in no building. */
  readonly name: string | null;
  readonly units: readonly UnitColumn[];
  readonly floors: readonly FloorRow[];
  /** The building's incoming supply meters. */
  readonly supply: readonly MonitoredMeter[];
  readonly counts: Readonly<Record<PointColour, number>>;
}

export interface SiteDrawing {
  readonly buildings: readonly BuildingDrawing[];
  /** Supply meters above the buildings: the transformer area's. */
  readonly supply: readonly MonitoredMeter[];
}

/** The room a meter is placed by: from the 门牌 of the customer on its account. */
export function roomOf(meter: MonitoredMeter): string | undefined {
  return meter.customer === null ? undefined : roomOfUnit(meter.customer.unit);
}

/** The last four digits of a meter's address, enough to tell neighbours apart on the drawing. */
export function shortAddress(commAddress: string): string {
  return commAddress.slice(-4);
}

/** The floor of a meter: its floor area's when it hangs in one, else its room's. */
export function floorOf(meter: MonitoredMeter): number | undefined {
  const floorArea = meter.areas.findLast((a) => a.kind === 'floor');
  const fromArea =
    floorArea === undefined ? undefined : (floorOfLabel(floorArea.name) ?? floorOfLabel(floorArea.code));
  return fromArea ?? floorOfRoom(roomOf(meter));
}

/** Cells in a row of a meter box: a whole floor of ten in a lone unit, fewer as units share the width. */
export function boxColumns(largestBox: number, units: number): number {
  const most = Math.max(4, Math.floor(10 / Math.max(1, units)));
  return Math.max(1, Math.min(largestBox, most));
}

const byCode = (a: { code: string }, b: { code: string }) =>
  a.code.localeCompare(b.code, undefined, { numeric: true });

function byRoom(a: MonitoredMeter, b: MonitoredMeter): number {
  const ra = roomOf(a) ?? '';
  const rb = roomOf(b) ?? '';
  return (
    ra.localeCompare(rb, undefined, { numeric: true }) ||
    a.factoryNo.localeCompare(b.factoryNo, undefined, { numeric: true })
  );
}

const noColours = (): Record<PointColour, number> => ({ green: 0, yellow: 0, red: 0, grey: 0 });
const lastOfKind = (areas: readonly MonitoredArea[], kind: string) => areas.findLast((a) => a.kind === kind);

interface DraftBox {
  readonly name: string | null;
  readonly meters: MonitoredMeter[];
}

interface BuildingParts {
  readonly area: MonitoredArea | undefined;
  readonly supply: MonitoredMeter[];
  readonly units: Map<string, { area: MonitoredArea | undefined; meters: MonitoredMeter[] }>;
}

function drawBuilding(key: string, parts: BuildingParts): BuildingDrawing {
  const units = [...parts.units.entries()].sort(([, a], [, b]) =>
    a.area === undefined ? 1 : b.area === undefined ? -1 : byCode(a.area, b.area),
  );
  const floorKeys = new Set<number | null>();
  // unit index → floor → box key → box
  const boxes = units.map(([, unit]) => {
    const floors = new Map<number | null, Map<string, DraftBox>>();
    for (const meter of unit.meters) {
      const floor = floorOf(meter) ?? null;
      floorKeys.add(floor);
      const boxArea = lastOfKind(meter.areas, 'meter_box');
      const boxKey = boxArea === undefined ? 'floor' : `box-${boxArea.id}`;
      const onFloor = floors.get(floor) ?? new Map<string, DraftBox>();
      floors.set(floor, onFloor);
      const box = onFloor.get(boxKey) ?? { name: boxArea?.name ?? null, meters: [] };
      onFloor.set(boxKey, box);
      box.meters.push(meter);
    }
    return floors;
  });
  const floorOrder = [...floorKeys].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  const counts = noColours();
  for (const meter of [...parts.supply, ...units.flatMap(([, u]) => u.meters)]) counts[meter.colour] += 1;
  return {
    key,
    areaId: parts.area?.id ?? null,
    name: parts.area?.name ?? null,
    units: units.map(([unitKey, unit], i) => {
      const largest = Math.max(
        1,
        ...[...(boxes[i]?.values() ?? [])].flatMap((f) => [...f.values()].map((b) => b.meters.length)),
      );
      return {
        key: unitKey,
        areaId: unit.area?.id ?? null,
        name: unit.area?.name ?? null,
        columns: boxColumns(largest, units.length),
      };
    }),
    floors: floorOrder.map((floor) => ({
      floor,
      boxes: boxes.map((floors) =>
        [...(floors.get(floor)?.entries() ?? [])]
          .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
          .map(([boxKey, box]) => ({
            key: boxKey,
            name: box.name,
            meters: box.meters.sort(byRoom),
          })),
      ),
    })),
    supply: parts.supply.sort(byRoom),
    counts,
  };
}

/**
 * Lays the meters of a view out as the site they stand in. A building or unit is found from the areas a
 * meter hangs in (kinds `building`, `unit`, `floor`, `meter_box`); a meter without a floor area is placed by
 * the room of its customer, and one with neither goes to the building's no-floor row. A supply meter is
 * drawn below the building it stands in, or below every building when it stands above them.
 */
export function siteDrawing(meters: readonly MonitoredMeter[]): SiteDrawing {
  const buildings = new Map<string, BuildingParts>();
  const siteSupply: MonitoredMeter[] = [];
  for (const meter of meters) {
    const building = lastOfKind(meter.areas, 'building');
    if (meter.role === 'supply' && building === undefined) {
      siteSupply.push(meter);
      continue;
    }
    const buildingKey = building === undefined ? 'none' : `building-${building.id}`;
    const parts: BuildingParts = buildings.get(buildingKey) ?? {
      area: building,
      supply: [],
      units: new Map(),
    };
    buildings.set(buildingKey, parts);
    if (meter.role === 'supply') {
      parts.supply.push(meter);
      continue;
    }
    const unit = lastOfKind(meter.areas, 'unit');
    const unitKey = unit === undefined ? 'none' : `unit-${unit.id}`;
    const column = parts.units.get(unitKey) ?? { area: unit, meters: [] };
    parts.units.set(unitKey, column);
    column.meters.push(meter);
  }
  return {
    buildings: [...buildings.entries()]
      .sort(([, a], [, b]) => (a.area === undefined ? 1 : b.area === undefined ? -1 : byCode(a.area, b.area)))
      .map(([key, parts]) => drawBuilding(key, parts)),
    supply: siteSupply.sort(byRoom),
  };
}
