import { describe, expect, it } from 'vitest';
import { errorLine } from './start-demo.ts';

describe('the demo’s log of server errors', () => {
  it('says what failed and why in one line, and passes on what it cannot read', () => {
    const record = JSON.stringify({
      level: 50,
      msg: 'remote fee control failed',
      err: { type: 'PricingError', message: 'the tariff has no price for the flat period' },
    });
    expect(errorLine(`${record}\n`)).toBe(
      'error: remote fee control failed: the tariff has no price for the flat period',
    );
    expect(errorLine(JSON.stringify({ level: 50, msg: 'listen failed' }))).toBe('error: listen failed');
    expect(errorLine('not json\n')).toBe('error: not json');
  });
});
