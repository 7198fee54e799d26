/** Look-ups by key list run in slices, under both engines' bound-parameter limits. */
const lookupChunk = 500;

export async function byChunks<T, R>(items: readonly T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += lookupChunk) {
    results.push(...(await load(items.slice(start, start + lookupChunk))));
  }
  return results;
}
