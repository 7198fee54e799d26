/**
 * A statement over many rows or keys runs a slice at a time: each engine bounds the parameters one statement
 * may bind (SQLite 32 766, PostgreSQL 65 535), and 500 rows of up to twenty-odd columns stay well under both.
 * Wider rows pass a smaller size.
 */
export const statementChunk = 500;

/** Runs `run` over `items` a slice at a time, one slice after another, and gathers what the slices return. */
export async function inChunks<T, R>(
  items: readonly T[],
  run: (chunk: T[]) => Promise<readonly R[]>,
  size = statementChunk,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await run(items.slice(start, start + size))));
  }
  return results;
}

/** Runs `run` over `items` a slice at a time, one slice after another, for what it writes. */
export async function eachChunk<T>(
  items: readonly T[],
  run: (chunk: T[]) => Promise<unknown>,
  size = statementChunk,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) await run(items.slice(start, start + size));
}
