import { everyArea, normaliseScope } from '@openami/domain';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, testNow } from '../../test/fixtures.ts';
import { constraintViolation } from './executor.ts';

const firstPage = { offset: 0, limit: 100, sort: 'id', direction: 'asc' } as const;

describeEachEngine('areas', (context) => {
  it('build a tree of any depth with materialised paths', async () => {
    const region = await makeArea(context.store, null, 'region');
    const community = await makeArea(context.store, region.id);
    const building = await makeArea(context.store, community.id, 'building');
    expect(building.path).toBe(`/${region.id}/${community.id}/${building.id}/`);
    expect((await context.store.areas.get(building.id))?.path).toBe(building.path);
  });

  it('list only what a scope covers: its areas and everything beneath', async () => {
    const north = await makeArea(context.store, null, 'region');
    const south = await makeArea(context.store, null, 'region');
    const northBuilding = await makeArea(context.store, north.id, 'building');
    await makeArea(context.store, south.id, 'building');
    const page = await context.store.areas.list(normaliseScope([north.path]), {}, firstPage);
    expect(page.items.map((a) => a.id)).toEqual([north.id, northBuilding.id]);
    expect(page.total).toBe(2);
    const all = await context.store.areas.list(everyArea, { under: south.id }, firstPage);
    expect(all.total).toBe(2);
  });

  it('move a subtree and rewrite every path beneath it', async () => {
    const a = await makeArea(context.store, null, 'region');
    const b = await makeArea(context.store, null, 'region');
    const child = await makeArea(context.store, a.id);
    const grandchild = await makeArea(context.store, child.id, 'building');
    await context.store.areas.move(child.id, b.id, testNow);
    expect((await context.store.areas.get(grandchild.id))?.path).toBe(
      `/${b.id}/${child.id}/${grandchild.id}/`,
    );
  });

  it('refuse to delete an area that still has children', async () => {
    const parent = await makeArea(context.store, null, 'region');
    await makeArea(context.store, parent.id);
    const refused = await context.store.areas.delete(parent.id).catch((e: unknown) => e);
    expect(constraintViolation(refused)).toBe('foreign_key');
  });
});
