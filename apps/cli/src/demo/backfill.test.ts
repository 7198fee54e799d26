import { dailyFrozenGaps } from '@openami/headend';
import { freeBasePort, storeField } from '@openami/headend/testing';
import { type Field, startField } from '@openami/sim';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backfillHistory } from './backfill.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const installedAt = Date.parse('2026-10-01T00:00:00+08:00');
const toMs = installedAt + 10 * DAY;

describeEachEngine('the demo’s history back-fill', (context) => {
  let field: Field;
  let meters: { id: number; address: string; meterType: string }[];

  beforeAll(async () => {
    const basePort = await freeBasePort(1);
    // Two household meters on one bus, one of them prepaid by card, their clocks true.
    field = await startField({
      seed: 4,
      start: '2026-09-30T23:00:00+08:00',
      timeFactor: 1,
      terminals: [
        {
          id: 'T1',
          model: 'DH601',
          mode: 'server',
          basePort,
          ports: [
            {
              baud: 9600,
              meters: [
                { address: '000000000101', profile: 'household', peakPowerW: 3_000 },
                {
                  address: '000000000102',
                  profile: 'household',
                  peakPowerW: 5_000,
                  prepaid: {
                    initialRemainingWh: 20_000,
                    alarmEnergyWh: 5_000,
                    creditLimitWh: 0,
                    hoardingLimitWh: 999_000,
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const { meterIds } = await storeField(context.store, field, {
      basePort,
      ports: 1,
      baud: 9600,
      stockedInAt: installedAt,
    });
    const addresses = field.addresses();
    meters = meterIds.map((id, i) => ({ id, address: addresses[i] as string, meterType: 'T' }));
  });

  afterAll(async () => {
    await field?.stop();
  });

  it('reads every hour and every freeze of the history through the head-end, into the roll-ups', async () => {
    const report = await backfillHistory({
      field,
      store: context.store,
      meters,
      fromMs: installedAt,
      toMs,
      instantDays: 2,
      timeZone: 'Asia/Shanghai',
    });
    expect(report.failures).toEqual([]);
    expect(report.hourlyReadings).toBe(2 * (10 * 24 + 1));
    // A freeze at each midnight from the first: 1 to 11 October.
    expect(report.dailyFreezes).toBe(2 * 11);
    for (const meter of meters) {
      const energy = await context.store.readings.energyBetween(meter.id, installedAt, toMs + 1);
      expect(energy.map((r) => r.readAt)).toEqual(
        Array.from({ length: 241 }, (_, i) => installedAt + i * HOUR),
      );
      for (const [i, r] of energy.entries()) {
        if (i > 0) expect(r.activeImportWh).toBeGreaterThanOrEqual(energy[i - 1]?.activeImportWh as number);
      }
      // Instantaneous values for the last two days only.
      const instants = await context.store.readings.instantBetween(meter.id, installedAt, toMs + 1);
      expect(instants).toHaveLength(48);
      expect(instants[0]?.readAt).toBe(toMs - 47 * HOUR);
      // The daily roll-ups add up to what the register moved; each day is whole.
      const days = await context.store.readings.daily(meter.id, '2026-10-01', '2026-10-11');
      expect(days.map((d) => d.day)).toEqual([
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07',
        '2026-10-08',
        '2026-10-09',
        '2026-10-10',
        '2026-10-11',
      ]);
      const first = energy[0]?.activeImportWh as number;
      const last = energy.at(-1)?.activeImportWh as number;
      expect(days.reduce((sum, d) => sum + Number(d.energyWh), 0)).toBe(last - first);
      // The freeze at midnight is the register the hourly read found at the same instant.
      const frozen = await context.store.readings.dailyFrozen(meter.id, '2026-10-01', '2026-10-11');
      expect(frozen).toHaveLength(11);
      expect(frozen.at(-1)?.activeImportWh).toBe(last);
      // The collector's daily plan finds nothing left to fill.
      const gaps = dailyFrozenGaps(new Set(frozen.map((f) => f.day)), '2026-10-01', '2026-10-11');
      expect(gaps).toEqual({ fillable: [], lost: [] });
    }
  });

  it('leaves the meters at the end of the history, their prepaid balances untouched', () => {
    for (const meter of meters) expect(field.placement(meter.address).meter.time).toBe(toMs);
    const card = field.placement('000000000102').meter;
    expect(card.registers.total(0)).toBeGreaterThan(20_000);
    expect(card.prepaid?.remainingWh).toBe(20_000);
    expect(card.relayOpen).toBe(false);
  });
});
