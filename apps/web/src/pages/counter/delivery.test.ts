import { describe, expect, it } from 'vitest';
import type { SentCommand } from './delivery.ts';
import { canSendAgain, deliveryStatus } from './delivery.ts';

const command = (
  state: SentCommand['state'],
  reason: string | null = null,
  coded: Pick<SentCommand, 'reasonCode' | 'reasonParams'> = {},
): SentCommand => ({
  id: 1,
  kind: 'top-up',
  state,
  reason,
  ...coded,
  requestId: 'top-up-1',
});

describe("a local sale's top-up", () => {
  it('is confirmed, failed with its reason, or not sent; only the last two are sent again', () => {
    const confirmed = deliveryStatus({ state: 'sent', command: command('confirmed') });
    expect(confirmed).toEqual({ kind: 'confirmed' });
    expect(canSendAgain(confirmed)).toBe(false);
    const failed = deliveryStatus({ state: 'sent', command: command('failed', 'no reply') });
    expect(failed).toEqual({
      kind: 'failed',
      why: { reason: 'no reply', reasonCode: null, reasonParams: null },
    });
    expect(canSendAgain(failed)).toBe(true);
    const refused = {
      reasonCode: 'security-refused',
      reasonParams: { step: 'top-up', refusals: ['purchase-count'] },
    };
    expect(deliveryStatus({ state: 'sent', command: command('failed', 'refused', refused) })).toEqual({
      kind: 'failed',
      why: { reason: 'refused', ...refused },
    });
    const notSent = deliveryStatus({
      state: 'not-sent',
      reason: 'the meter is on no terminal port',
      reasonCode: 'meter-on-no-port',
      reasonParams: {},
    });
    expect(notSent).toEqual({
      kind: 'not-sent',
      why: { reason: 'the meter is on no terminal port', reasonCode: 'meter-on-no-port', reasonParams: {} },
    });
    expect(canSendAgain(notSent)).toBe(true);
    expect(deliveryStatus({ state: 'sent', command: command('sending') })).toEqual({ kind: 'pending' });
  });
});
