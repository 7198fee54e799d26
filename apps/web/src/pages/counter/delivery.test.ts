import { describe, expect, it } from 'vitest';
import type { SentCommand } from './counter-api.ts';
import { canSendAgain, deliveryStatus } from './delivery.ts';

const command = (state: SentCommand['state'], reason: string | null = null): SentCommand => ({
  id: 1,
  kind: 'top-up',
  state,
  reason,
  requestId: 'top-up-1',
});

describe("a local sale's top-up", () => {
  it('is confirmed, failed with its reason, or not sent; only the last two are sent again', () => {
    const confirmed = deliveryStatus({ state: 'sent', command: command('confirmed') });
    expect(confirmed).toEqual({ kind: 'confirmed' });
    expect(canSendAgain(confirmed)).toBe(false);
    const failed = deliveryStatus({ state: 'sent', command: command('failed', 'no reply') });
    expect(failed).toEqual({ kind: 'failed', reason: 'no reply' });
    expect(canSendAgain(failed)).toBe(true);
    const notSent = deliveryStatus({ state: 'not-sent', reason: 'no collector' });
    expect(canSendAgain(notSent)).toBe(true);
    expect(deliveryStatus({ state: 'sent', command: command('sending') })).toEqual({ kind: 'pending' });
  });
});
