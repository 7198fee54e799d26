import { describe, expect, it } from 'vitest';
import { eachChunk, inChunks, statementChunk } from './chunks.ts';

describe('statements a slice at a time', () => {
  const items = Array.from({ length: 2 * statementChunk + 7 }, (_, i) => i);

  it('runs every item once, in order, in slices of at most the chunk size', async () => {
    const sizes: number[] = [];
    const doubled = await inChunks(items, async (chunk) => {
      sizes.push(chunk.length);
      return chunk.map((i) => i * 2);
    });
    expect(sizes).toEqual([statementChunk, statementChunk, 7]);
    expect(doubled).toEqual(items.map((i) => i * 2));
  });

  it('takes a smaller size for wide rows, and runs nothing for no items', async () => {
    const seen: number[][] = [];
    await eachChunk(items.slice(0, 5), async (chunk) => seen.push(chunk), 2);
    expect(seen).toEqual([[0, 1], [2, 3], [4]]);
    let runs = 0;
    expect(await inChunks([], async () => [++runs])).toEqual([]);
    expect(runs).toBe(0);
  });

  it('runs one slice after another, never two at once', async () => {
    let running = 0;
    let most = 0;
    await eachChunk(items, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
    });
    expect(most).toBe(1);
  });
});
