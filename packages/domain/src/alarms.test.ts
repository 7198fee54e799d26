import { describe, expect, it } from 'vitest';
import {
  alarmKindNames,
  alarmKinds,
  alarmRetentionCutoff,
  alarmRules,
  balanceObservations,
  counterObservations,
  DEFAULT_CLEAR_AFTER_MS,
  decide,
  overloadObservation,
} from './alarms.ts';

const MIN = 60_000;

describe('alarm decisions', () => {
  it('raise a condition once, refresh it while it holds, and clear it only after it stayed away', () => {
    const seen = { kind: 'meter-unreachable' as const, objectId: '7', present: true };
    const gone = { ...seen, present: false };
    expect(decide(seen, undefined, 0)).toEqual({ action: 'raise' });
    const open = { lastSeenAt: 0, state: 'raised' as const };
    expect(decide(seen, open, MIN)).toEqual({ action: 'refresh' });
    // Flapping: absent a minute after it was seen is not yet the end of it.
    expect(decide(gone, open, MIN)).toEqual({ action: 'none' });
    expect(decide(gone, open, DEFAULT_CLEAR_AFTER_MS)).toEqual({ action: 'clear' });
    expect(decide(gone, undefined, 0)).toEqual({ action: 'none' });
  });

  it('never clear an event by itself: somebody acknowledges it', () => {
    const open = { lastSeenAt: 0, state: 'raised' as const };
    expect(decide({ kind: 'cover-open', objectId: '1', present: false }, open, 10 * 24 * 60 * MIN)).toEqual({
      action: 'none',
    });
  });

  it('give every kind a rule', () => {
    for (const kind of alarmKinds) {
      expect(alarmRules[kind]).toBeDefined();
      expect(alarmKindNames[kind].zh).not.toBe('');
      expect(alarmKindNames[kind].en).not.toBe('');
    }
  });
});

describe('balance', () => {
  it('is low at or below the alarm level, exhausted at zero less the credit, never both', () => {
    const at = (remainingWh: number, creditLimitWh = 0) =>
      balanceObservations('1', { remainingWh, alarmEnergyWh: 10_000, creditLimitWh })
        .filter((o) => o.present)
        .map((o) => o.kind);
    expect(at(10_001)).toEqual([]);
    expect(at(10_000)).toEqual(['low-balance']);
    expect(at(0)).toEqual(['balance-exhausted']);
    // With 5 kWh of credit the meter runs on below zero: low, not exhausted.
    expect(at(-4_000, 5_000)).toEqual(['low-balance']);
    expect(at(-5_000, 5_000)).toEqual(['balance-exhausted']);
  });
});

describe('event counters', () => {
  it('raise one event per counter that went up, nothing for one that went down or is new', () => {
    expect(
      counterObservations(
        '1',
        { 'cover-open': 2, 'power-down': 9 },
        { 'cover-open': 3, 'power-down': 1, 'relay-tripped': 4 },
      ),
    ).toEqual([{ kind: 'cover-open', objectId: '1', present: true, evidence: { before: 2, after: 3 } }]);
  });
});

describe('overload trip', () => {
  const closed = { relayOpen: false, relayCommandOpen: false, preTripAlarm: false };
  const present = (status: typeof closed, exhausted = false) =>
    overloadObservation('1', status, exhausted).present;
  it('is a relay the meter opened by itself with no prepaid reason, and ends when it closes', () => {
    expect(present({ ...closed, relayOpen: true })).toBe(true);
    expect(present(closed)).toBe(false);
  });
  it('is not a relay opened by command or by a prepaid meter out of credit', () => {
    expect(present({ ...closed, relayOpen: true, relayCommandOpen: true })).toBe(false);
    expect(present({ ...closed, relayOpen: true, preTripAlarm: true })).toBe(false);
    expect(present({ ...closed, relayOpen: true }, true)).toBe(false);
  });
});

describe('retention', () => {
  it('never lets alarms go before twelve months, month ends included', () => {
    const now = Date.UTC(2028, 1, 29, 12);
    const cutoff = alarmRetentionCutoff(now);
    expect(cutoff).toBeLessThanOrEqual(Date.UTC(2027, 1, 28, 12));
    expect(alarmRetentionCutoff(Date.UTC(2026, 11, 1))).toBe(Date.UTC(2025, 11, 1) - 86_400_000);
    expect(() => alarmRetentionCutoff(now, 11)).toThrow(RangeError);
    expect(alarmRetentionCutoff(now, 24)).toBeLessThan(cutoff);
  });
});
