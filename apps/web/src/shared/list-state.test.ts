import { describe, expect, it } from 'vitest';
import { listState } from './list-state.ts';
import { busyRefreshMs, liveRefreshMs, runsRefreshMs } from './live.ts';

const settled = { isPending: false, isError: false };

describe('what a list shows', () => {
  it('spins until the first answer and while the next page loads', () => {
    expect(listState({ isPending: true, isError: false }, 0)).toBe('loading');
    expect(listState({ ...settled, isPlaceholderData: true }, 20)).toBe('loading');
  });

  it('says a failed first load failed, and keeps rows a failed refresh left on screen', () => {
    expect(listState({ isPending: false, isError: true }, 0)).toBe('error');
    expect(listState({ isPending: false, isError: true }, 3)).toBe('ready');
  });

  it('tells an empty answer from rows', () => {
    expect(listState(settled, 0)).toBe('empty');
    expect(listState(settled, 1)).toBe('ready');
  });
});

describe('how often a live list asks again', () => {
  it('looks often while a run is running, modestly otherwise', () => {
    expect(runsRefreshMs(undefined)).toBe(liveRefreshMs);
    expect(runsRefreshMs([{ status: 'finished' }])).toBe(liveRefreshMs);
    expect(runsRefreshMs([{ status: 'finished' }, { status: 'running' }])).toBe(busyRefreshMs);
    expect(liveRefreshMs).toBeGreaterThanOrEqual(15_000);
  });
});
