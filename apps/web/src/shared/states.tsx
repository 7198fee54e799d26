import { Empty } from 'antd';
import type { ReactNode } from 'react';
import { listState, type QueryLike } from './list-state.ts';

/** Nothing to show, said helpfully: what is missing and, where it helps, how to add it. */
export function EmptyState({ description }: { description: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} data-testid="empty-state" />;
}

/**
 * A table's loading and empty props from its query: the spinner for the first load and a new page (not for
 * the quiet refreshes of a live list), the empty state only once the answer really is empty. The error
 * itself shows above the table (QueryError), so the table's body then stays blank.
 */
export function tableStates(query: QueryLike, rows: number, emptyText: ReactNode) {
  const state = listState(query, rows);
  return {
    loading: state === 'loading',
    locale: { emptyText: state === 'empty' ? <EmptyState description={emptyText} /> : <span /> },
  };
}
