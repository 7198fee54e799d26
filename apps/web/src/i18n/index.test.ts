import { describe, expect, it } from 'vitest';
import { defaultLocale, localeChosen, rememberLocale, storedLocale } from './index.ts';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the language of the page', () => {
  it('is zh-CN until someone picks another on this browser', () => {
    const storage = memoryStorage();
    expect(defaultLocale).toBe('zh-CN');
    expect(storedLocale(storage)).toBe('zh-CN');
    expect(localeChosen(storage)).toBe(false);
    rememberLocale(storage, 'en');
    expect(storedLocale(storage)).toBe('en');
    expect(localeChosen(storage)).toBe(true);
  });

  it('ignores a stored value that is not a language it has', () => {
    const storage = memoryStorage();
    storage.setItem('openami.locale', 'fr');
    expect(storedLocale(storage)).toBe('zh-CN');
    expect(localeChosen(storage)).toBe(false);
  });
});
