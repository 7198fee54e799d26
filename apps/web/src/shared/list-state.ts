/** What a list shows: a spinner, the error (with a retry), an empty state, or its rows. */
export type ListState = 'loading' | 'error' | 'empty' | 'ready';

/** The part of a TanStack query result the states depend on. */
export interface QueryLike {
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly isPlaceholderData?: boolean;
}

/**
 * A failed refresh with rows already on screen keeps the rows (the error shows above them); a list that
 * never loaded, or loaded nothing, says which.
 */
export function listState(query: QueryLike, rows: number): ListState {
  if (query.isError && rows === 0) return 'error';
  if (query.isPending || query.isPlaceholderData === true) return 'loading';
  return rows === 0 ? 'empty' : 'ready';
}
