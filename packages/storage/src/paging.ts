/** Paging and sorting shared by every list: offset/limit pages with a total, sorted by a whitelisted key. */
import { type SelectQueryBuilder, sql } from 'kysely';

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

/** How many rows `filtered` matches: its joins and filters, counted. */
export async function countRows<DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const row = await filtered
    .select(sql<number>`count(*)`.as('total'))
    .$castTo<{ total: number | string }>()
    .executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, which its driver hands over as text.
  return Number(row.total);
}

/**
 * One page of a list: the rows `pageRows` reads (sorted, limited and offset, usually from `filtered`) and how
 * many rows `filtered` matches in all, queried side by side.
 */
export async function pageOf<T, DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  window: { readonly offset: number; readonly limit: number },
  pageRows: (filtered: SelectQueryBuilder<DB, TB, O>) => Promise<readonly T[]>,
): Promise<Page<T>> {
  const [items, total] = await Promise.all([pageRows(filtered), countRows(filtered)]);
  return { items, total, offset: window.offset, limit: window.limit };
}
