/** Paging and sorting shared by every list: offset/limit pages with a total, sorted by a whitelisted key. */
export type SortDirection = 'asc' | 'desc';

export interface PageRequest<SortKey extends string> {
  readonly offset: number;
  readonly limit: number;
  readonly sort: SortKey;
  readonly direction: SortDirection;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export const maxPageSize = 500;
