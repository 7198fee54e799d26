import { describe, expect, it } from 'vitest';
import { firstPage, nextPageState, pageQuery } from './paged-query.ts';

describe('table paging in the API words', () => {
  it('turns a page into offset and limit, and leaves the order to the API until a column is sorted', () => {
    expect(pageQuery({ ...firstPage, page: 3 })).toEqual({
      offset: 40,
      limit: 20,
      sort: undefined,
      direction: undefined,
    });
    expect(pageQuery(firstPage, { sort: 'id', direction: 'desc' })).toMatchObject({
      sort: 'id',
      direction: 'desc',
    });
  });

  it('sorts by the column the user picks, starting again at page 1', () => {
    const state = { ...firstPage, page: 4 };
    const next = nextPageState(state, { current: 4, pageSize: 20 }, { field: 'factoryNo', order: 'descend' });
    expect(next).toEqual({ page: 1, pageSize: 20, sort: 'factoryNo', direction: 'desc' });
    expect(pageQuery(next, { sort: 'id', direction: 'asc' })).toMatchObject({
      sort: 'factoryNo',
      direction: 'desc',
    });
  });

  it('moves between pages while the order stays', () => {
    const sorted = { page: 1, pageSize: 20, sort: 'name', direction: 'asc' as const };
    expect(nextPageState(sorted, { current: 2, pageSize: 20 }, { field: 'name', order: 'ascend' }).page).toBe(
      2,
    );
    expect(nextPageState(firstPage, { current: 2, pageSize: 20 }, {}).page).toBe(2);
  });

  it('starts at page 1 when the page size changes', () => {
    expect(nextPageState({ ...firstPage, page: 5 }, { current: 5, pageSize: 50 }, {}).page).toBe(1);
  });
});
