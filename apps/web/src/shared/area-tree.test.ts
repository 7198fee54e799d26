import type { Area } from '@openami/contract';
import { describe, expect, it } from 'vitest';
import { areaForest, areaTrail } from './area-tree.ts';

const area = (id: number, parentId: number | null, code: string, name: string): Area => ({
  id,
  parentId,
  kind: 'other',
  code,
  name,
  path: '',
  createdAt: 0,
  updatedAt: 0,
});

describe('area tree', () => {
  const areas = [
    area(3, 1, 'B2', '2号楼'),
    area(1, null, 'C', '阳光小区'),
    area(2, 1, 'B1', '1号楼'),
    area(4, 2, 'U1', '1单元'),
  ];

  it('nests children under parents in code order', () => {
    const forest = areaForest(areas);
    expect(forest.map((n) => n.area.id)).toEqual([1]);
    expect(forest[0]?.children.map((n) => n.area.id)).toEqual([2, 3]);
    expect(forest[0]?.children[0]?.children.map((n) => n.area.id)).toEqual([4]);
  });

  it('makes an area whose parent is out of sight a root', () => {
    expect(areaForest(areas.filter((a) => a.id !== 1)).map((n) => n.area.id)).toEqual([2, 3]);
  });

  it('names an area with its ancestors', () => {
    const byId = new Map(areas.map((a) => [a.id, a]));
    expect(areaTrail(areas[3] as Area, byId)).toBe('阳光小区 / 1号楼 / 1单元');
  });
});
