import type { MonitoredArea, MonitoredMeter } from '@openami/contract';
import { describe, expect, it } from 'vitest';
import { schematicGroups } from './schematic-groups.ts';

const area = (id: number, code: string, name: string): MonitoredArea => ({ id, kind: 'floor', code, name });
const community = area(1, 'C', 'Sunny');
const building = area(2, 'B1', 'Building 1');
const floor1 = area(3, 'F01', 'Floor 1');
const floor2 = area(4, 'F02', 'Floor 2');
const meter = (id: number, factoryNo: string, areas: readonly MonitoredArea[]): MonitoredMeter => ({
  id,
  factoryNo,
  commAddress: '',
  state: 'installed',
  areaId: areas.at(-1)?.id ?? 0,
  parentMeterId: null,
  role: 'consumer',
  customer: null,
  lastReadAt: null,
  areas,
  colour: 'green',
  alarms: [],
});

describe('the schematic of an area', () => {
  it('groups meters by their area below the chosen one, in tree order', () => {
    const groups = schematicGroups(
      [
        meter(1, 'M2', [community, building, floor2]),
        meter(2, 'M9', [community, building, floor1]),
        meter(3, 'M1', [community, building, floor1]),
        meter(4, 'M5', [community, building]),
      ],
      building.id,
    );
    expect(groups.map((g) => [g.trail, g.meters.map((m) => m.factoryNo)])).toEqual([
      [[], ['M5']],
      [['Floor 1'], ['M1', 'M9']],
      [['Floor 2'], ['M2']],
    ]);
  });

  it('names every visible area when none is chosen', () => {
    const [group] = schematicGroups([meter(1, 'M1', [community, building, floor1])], undefined);
    expect(group?.trail).toEqual(['Sunny', 'Building 1', 'Floor 1']);
  });
});
