import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webDist } from './support/web-build.ts';

/** Issue 7's bar: the staff application's first load carries under 600 KB of gzipped JavaScript. */
const initialBudgetBytes = 600 * 1024;

describe('the built web application', () => {
  it('loads under 600 KB of gzipped JavaScript at first; pages and charts come later', () => {
    const html = readFileSync(join(webDist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    expect(initial.length).toBeGreaterThan(0);
    const gzipped = initial.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(webDist, file))).length,
      0,
    );
    expect(gzipped).toBeLessThan(initialBudgetBytes);
    expect(initial.some((file) => /page|chart/.test(file))).toBe(false);
  });
});
