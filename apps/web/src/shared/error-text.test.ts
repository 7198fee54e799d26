import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/client.ts';
import { errorText, fieldProblems } from './error-text.ts';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;

describe('errors in words', () => {
  it('uses the server’s own wording, and the locale files when the server was never reached', () => {
    const refused = new ApiError(403, {
      code: 'AREA_FORBIDDEN',
      message: '该对象不在您负责的区域内',
      details: {},
    });
    expect(errorText(refused, t)).toBe('该对象不在您负责的区域内');
    expect(errorText(new NetworkError('offline'), t)).toBe('«errors.network»');
    expect(errorText(new NetworkError('HTTP 502', 502), t)).toBe('«states.serverTrouble»');
  });

  it('finds the fields a validation failure names, by the form’s field names', () => {
    const invalid = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: '请求参数不正确',
      details: {
        issues: [
          { field: 'body/commAddress', problem: 'must match pattern "^[0-9]{12}$"' },
          { field: 'body/ports/0/baud', problem: 'must be equal to one of the allowed values' },
        ],
      },
    });
    expect([...fieldProblems(invalid).keys()]).toEqual(['commAddress', 'ports']);
    const single = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: '',
      details: { field: 'password', problem: 'too short' },
    });
    expect([...fieldProblems(single).keys()]).toEqual(['password']);
    expect(fieldProblems(new ApiError(409, { code: 'ALREADY_EXISTS', message: '', details: {} })).size).toBe(
      0,
    );
  });
});
