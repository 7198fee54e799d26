import { describe, expect, it } from 'vitest';
import { ManualClock } from '../time/sim-clock.ts';
import { checkFieldDescription } from './description.ts';
import { startField } from './field.ts';

describe('supply meters that aggregate their children', () => {
  it('measure what the children measure plus the line loss, a tripped child drawing nothing', async () => {
    const start = Date.parse('2026-03-02T00:00:00+08:00');
    const clock = new ManualClock(start);
    const field = await startField(
      {
        seed: 3,
        terminals: [
          {
            id: 'T',
            model: 'DH602',
            basePort: 0,
            ports: [
              {
                meters: [
                  { address: '1', profile: 'household', peakPowerW: 4000 },
                  { address: '2', profile: 'shop', peakPowerW: 8000 },
                  { address: '3', profile: 'household', peakPowerW: 3000 },
                ],
              },
              {
                meters: [
                  // A building meter behind a 200/5 CT, and the transformer area's meter above it.
                  {
                    address: '10',
                    phases: 3,
                    ctRatio: 40,
                    aggregate: { children: ['1', '2', '3'], lossPermille: 20 },
                  },
                  {
                    address: '100',
                    phases: 3,
                    ctRatio: 80,
                    aggregate: { children: ['10'], lossPermille: 30 },
                  },
                ],
              },
            ],
          },
        ],
      },
      { clock },
    );
    try {
      field.meter('3').setRelayReason('remote', true, clock.now());
      clock.advance(24 * 3_600_000);
      const wh = (address: string) => field.meter(address).household.trueEnergyWh;
      const children = wh('1') + wh('2') + wh('3');
      expect(wh('3')).toBe(0);
      expect(children).toBeGreaterThan(10_000);
      expect(wh('10')).toBeCloseTo(children * 1.02, 0);
      expect(wh('100')).toBeCloseTo(children * 1.02 * 1.03, 0);
      // The registers are secondary-side: primary ÷ the CT ratio.
      const registered = field.meter('10').registers.total(0) * 40;
      expect(Math.abs(registered - children * 1.02) / children).toBeLessThan(0.01);
    } finally {
      await field.stop();
    }
  });

  it('refuses a description whose children are not in the field', () => {
    expect(() =>
      checkFieldDescription({
        terminals: [
          {
            id: 'T',
            model: 'DH601',
            ports: [{ meters: [{ address: '10', aggregate: { children: ['9'], lossPermille: 5 } }] }],
          },
        ],
      }),
    ).toThrow(/aggregate: meter 9 is not in the field/);
  });
});
