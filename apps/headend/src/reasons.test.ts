import { describe, expect, it } from 'vitest';
import { ExchangeError } from './link/exchange-error.ts';
import {
  combineReasons,
  isReason,
  plainReason,
  REASON_CODES,
  RUN_SUMMARY_CODES,
  reasonColumns,
  reasonOfError,
} from './reasons.ts';

describe('reasons for people', () => {
  it('are a closed list of distinct codes', () => {
    const codes = [...REASON_CODES, ...RUN_SUMMARY_CODES];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('say one reason once, and each of several', () => {
    const timeout = plainReason('timeout');
    const refused = { code: 'item-refused', params: { item: '02010200', errors: ['no-data'] } } as const;
    expect(combineReasons([])).toBeNull();
    expect(combineReasons([timeout, plainReason('timeout')])).toEqual(timeout);
    expect(combineReasons([timeout, plainReason('no-answer'), timeout])).toEqual({
      code: 'several',
      params: { reasons: [timeout, plainReason('no-answer')] },
    });
    // A `several` folds into the others rather than nesting.
    const several = combineReasons([timeout, refused]);
    expect(combineReasons([several as never, refused])).toEqual(several);
  });

  it('take an exchange’s own reason, and any other error’s message', () => {
    const error = new ExchangeError(
      'timeout',
      'no reply from 000000000001 within 900 ms',
      plainReason('timeout'),
    );
    expect(reasonOfError(error)).toEqual(plainReason('timeout'));
    expect(reasonOfError(new Error('disk full'))).toEqual({
      code: 'internal-error',
      params: { message: 'disk full' },
    });
    expect(isReason({ code: 'made-up', params: {} })).toBe(false);
  });

  it('go to the store as a code and its parameters', () => {
    expect(reasonColumns(null)).toEqual({ reasonCode: null, reasonParams: null });
    expect(reasonColumns({ code: 'no-freeze', params: { days: ['2026-11-20'] } })).toEqual({
      reasonCode: 'no-freeze',
      reasonParams: { days: ['2026-11-20'] },
    });
  });
});
