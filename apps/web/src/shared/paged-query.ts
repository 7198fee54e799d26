import type { Page } from '@openami/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Query } from '../api/client.ts';

export interface PageState {
  readonly page: number;
  readonly pageSize: number;
  readonly sort: string | undefined;
  readonly direction: 'asc' | 'desc';
}

export const firstPage: PageState = { page: 1, pageSize: 20, sort: undefined, direction: 'asc' };

/** The order a list shows in until the user sorts a column (the API's own default when undefined). */
export interface DefaultOrder {
  readonly sort: string;
  readonly direction: 'asc' | 'desc';
}

/** The API's paging words (offset, limit, sort, direction) for a table's page. */
export function pageQuery(state: PageState, order?: DefaultOrder): Query {
  const sorted = state.sort !== undefined;
  return {
    offset: (state.page - 1) * state.pageSize,
    limit: state.pageSize,
    sort: sorted ? state.sort : order?.sort,
    direction: sorted ? state.direction : order?.direction,
  };
}

/** The next page state after the user pages or sorts the table. */
export function nextPageState<T>(
  state: PageState,
  pagination: TablePaginationConfig,
  sorter: SorterResult<T> | SorterResult<T>[],
): PageState {
  const single = Array.isArray(sorter) ? sorter[0] : sorter;
  const field = single?.order ? single.field : undefined;
  const sort = typeof field === 'string' ? field : undefined;
  const direction = single?.order === 'descend' ? 'desc' : 'asc';
  const pageSize = pagination.pageSize ?? state.pageSize;
  const sameOrder = sort === state.sort && (sort === undefined || direction === state.direction);
  return {
    page: pageSize !== state.pageSize || !sameOrder ? 1 : (pagination.current ?? 1),
    pageSize,
    sort,
    direction,
  };
}

/**
 * One page of a list endpoint with the filters the page holds; keeps the previous page on screen while
 * the next one loads. Returns what a table needs. `live`, for a list that changes by itself, says how
 * long to wait before asking again given the rows on screen (paused while the tab is hidden).
 */
export function usePagedList<T>(
  path: string,
  filters: Query,
  order?: DefaultOrder,
  live?: (items: readonly T[] | undefined) => number,
) {
  const api = useApi();
  const [state, setState] = useState<PageState>(firstPage);
  const query = { ...filters, ...pageQuery(state, order) };
  const result = useQuery({
    queryKey: [path, query],
    queryFn: () => api.get<Page<T>>(path, query),
    placeholderData: keepPreviousData,
    ...(live === undefined
      ? {}
      : {
          refetchInterval: (q: { state: { data: Page<T> | undefined } }) => live(q.state.data?.items),
          refetchIntervalInBackground: false,
          refetchOnWindowFocus: true,
        }),
  });
  return {
    result,
    state,
    /** Call when the filters change, so the table starts again at page 1. */
    restart: () => setState((s) => ({ ...s, page: 1 })),
    pagination: {
      current: state.page,
      pageSize: state.pageSize,
      total: result.data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
    } satisfies TablePaginationConfig,
    onChange: (pagination: TablePaginationConfig, sorter: SorterResult<T> | SorterResult<T>[]) =>
      setState((s) => nextPageState(s, pagination, sorter)),
  };
}
