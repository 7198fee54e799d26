import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorTable, localeOf, renderMessage } from './errors.ts';

describe('the error table', () => {
  it('matches docs/errors.md row for row', () => {
    const page = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, error] of Object.entries(errorTable)) {
      expect(page, code).toContain(`| \`${code}\` | ${error.status} | ${error.zh} | ${error.en} |`);
    }
    const documented = [...page.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(errorTable).sort());
  });

  it('fills templates and names entities in Chinese for zh-CN', () => {
    expect(renderMessage('NOT_FOUND', 'zh-CN', { entity: 'meter' })).toBe('电表不存在');
    expect(renderMessage('NOT_FOUND', 'en', { entity: 'meter' })).toBe('meter not found');
  });

  it('answers in English only when asked first', () => {
    expect(localeOf('en-US,en;q=0.9')).toBe('en');
    expect(localeOf('zh-CN,en;q=0.5')).toBe('zh-CN');
    expect(localeOf(undefined)).toBe('zh-CN');
  });
});
