// Plausibility of an energy register against the meter's previous reading. Nothing is dropped: a suspicious
// reading is stored with flags, so that nobody loses data and somebody looks at it.

/** XXXXXX.XX kWh: the register wraps after 999 999.99 kWh. */
export const REGISTER_SPAN_WH = 1_000_000_000;

export type EnergyFlag = 'register-backwards' | 'rollover' | 'exceeds-capacity';

export interface EnergyCheck {
  readonly deltaWh: number;
  readonly flags: readonly EnergyFlag[];
}

/**
 * Checks `currentWh` read at `currentAt` against `previousWh` read at `previousAt` (epoch ms), for a meter
 * that can pass at most `maxPowerW` (rated voltage × maximum current × phases × multiplier).
 */
export function checkEnergy(
  previousWh: number,
  previousAt: number,
  currentWh: number,
  currentAt: number,
  maxPowerW: number,
): EnergyCheck {
  let deltaWh = currentWh - previousWh;
  const flags: EnergyFlag[] = [];
  if (deltaWh < 0) {
    // A register near its top that comes back near zero has rolled over; anything else went backwards.
    const wrapped = deltaWh + REGISTER_SPAN_WH;
    if (previousWh > REGISTER_SPAN_WH * 0.9 && wrapped < REGISTER_SPAN_WH * 0.1) {
      deltaWh = wrapped;
      flags.push('rollover');
    } else {
      flags.push('register-backwards');
      return { deltaWh, flags };
    }
  }
  const hours = Math.max(currentAt - previousAt, 0) / 3_600_000;
  // One minute of slack covers clocks and reading latency on short intervals.
  const maxWh = maxPowerW * (hours + 1 / 60);
  if (deltaWh > maxWh) flags.push('exceeds-capacity');
  return { deltaWh, flags };
}
