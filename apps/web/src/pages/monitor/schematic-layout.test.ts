import type { AreaKind, MonitoredArea, MonitoredMeter } from '@openami/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxColumns, siteDrawing } from './schematic-layout.ts';

const area = (id: number, kind: AreaKind, code: string, name = code): MonitoredArea => ({
  id,
  kind,
  code,
  name,
});
const community = area(1, 'community', 'HY', '和园小区');
const building = (b: number) => area(10 + b, 'building', `HY-${b}`, `${b}号楼`);
const unit = (b: number, u: number) => area(100 + b * 10 + u, 'unit', `HY-${b}-${u}`, `${u}单元`);

let nextId = 1;
const meter = (
  areas: readonly MonitoredArea[],
  fields: Partial<Omit<MonitoredMeter, 'areas'>> = {},
): MonitoredMeter => {
  const id = nextId++;
  return {
    id,
    factoryNo: `M${id}`,
    commAddress: String(id).padStart(12, '0'),
    state: 'installed',
    areaId: areas.at(-1)?.id ?? 0,
    parentMeterId: null,
    role: 'consumer',
    customer: null,
    lastReadAt: 1,
    areas,
    colour: 'green',
    alarms: [],
    ...fields,
  };
};
const home = (b: number, u: number, room: string) =>
  meter([community, building(b), unit(b, u)], { customer: { name: '王伟', unit: `${b}-${u}-${room}` } });

describe('the schematic of a site', () => {
  it('stacks a building’s floors highest first, its units side by side, its supply meter below', () => {
    const supply = meter([community, building(1)], { role: 'supply' });
    const meters = [
      home(1, 2, '101'),
      home(1, 1, '302'),
      home(1, 1, '301'),
      home(1, 1, '101'),
      meter([community, building(1), unit(1, 1)]),
      supply,
    ];
    const site = siteDrawing(meters);
    expect(site.supply).toEqual([]);
    const [drawn] = site.buildings;
    expect(drawn?.name).toBe('1号楼');
    expect(drawn?.supply.map((m) => m.id)).toEqual([supply.id]);
    expect(drawn?.units.map((u) => u.name)).toEqual(['1单元', '2单元']);
    const rooms = drawn?.floors.map((f) => [
      f.floor,
      f.boxes.map((boxes) => boxes.flatMap((b) => b.meters.map((m) => m.customer?.unit ?? '?'))),
    ]);
    expect(rooms).toEqual([
      [3, [['1-1-301', '1-1-302'], []]],
      [1, [['1-1-101'], ['1-2-101']]],
      [null, [['?'], []]],
    ]);
    expect(drawn?.counts).toEqual({ green: 6, yellow: 0, red: 0, grey: 0 });
  });

  it('puts the buildings side by side in code order and the transformer meter below them all', () => {
    const transformer = meter([community], { role: 'supply' });
    const site = siteDrawing([home(10, 1, '101'), home(2, 1, '101'), transformer, meter([community])]);
    expect(site.buildings.map((b) => b.name)).toEqual(['2号楼', '10号楼', null]);
    expect(site.supply.map((m) => m.id)).toEqual([transformer.id]);
  });

  it('takes the floor and meter box from the archive’s areas where it has them', () => {
    const floor = area(500, 'floor', 'F07', '7层');
    const boxA = area(501, 'meter_box', 'BX-A', '表箱A');
    const boxB = area(502, 'meter_box', 'BX-B', '表箱B');
    const site = siteDrawing([
      meter([community, building(1), floor, boxB], { customer: { name: '', unit: '1-1-301' } }),
      meter([community, building(1), floor, boxA]),
    ]);
    const [row] = site.buildings[0]?.floors ?? [];
    expect(row?.floor).toBe(7);
    expect(row?.boxes[0]?.map((b) => b.name)).toEqual(['表箱A', '表箱B']);
  });

  it('draws every meter exactly once', () => {
    const roles = fc.constantFrom('supply' as const, 'consumer' as const);
    const spot = fc.record({
      b: fc.integer({ min: 0, max: 3 }),
      u: fc.integer({ min: 0, max: 2 }),
      room: fc.oneof(fc.integer({ min: 0, max: 2000 }).map(String), fc.constant('shop')),
      role: roles,
    });
    fc.assert(
      fc.property(fc.array(spot, { maxLength: 60 }), (spots) => {
        const meters = spots.map(({ b, u, room, role }) => {
          const areas = [community, ...(b === 0 ? [] : [building(b), ...(u === 0 ? [] : [unit(b, u)])])];
          return meter(areas, { role, customer: { name: '', unit: room } });
        });
        const site = siteDrawing(meters);
        const drawn = [
          ...site.supply,
          ...site.buildings.flatMap((b) => [
            ...b.supply,
            ...b.floors.flatMap((f) => f.boxes.flat().flatMap((box) => box.meters)),
          ]),
        ].map((m) => m.id);
        expect(drawn.sort((x, y) => x - y)).toEqual(meters.map((m) => m.id).sort((x, y) => x - y));
        for (const b of site.buildings) {
          const floors = b.floors.map((f) => f.floor);
          expect(floors).toEqual([...floors].sort((x, y) => (x === null ? 1 : y === null ? -1 : y - x)));
          for (const f of b.floors) expect(f.boxes).toHaveLength(b.units.length);
        }
      }),
    );
  });

  it('fits ten rooms a floor in a row for a lone unit, fewer as units share the width', () => {
    expect(boxColumns(10, 1)).toBe(10);
    expect(boxColumns(10, 2)).toBe(5);
    expect(boxColumns(10, 3)).toBe(4);
    expect(boxColumns(3, 2)).toBe(3);
    expect(boxColumns(0, 0)).toBe(1);
  });
});
