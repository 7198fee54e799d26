// 最大需量 (maximum demand, DL/T 645-2007 Table A.2): the average power over the demand period (15 min),
// slid every minute (滑差时间 1 min), and the largest value per tariff with the time it occurred. The load is
// constant within a minute, so a ring of the last 15 minutes' energy gives the sliding average exactly.
import { TARIFF_COUNT } from './tariff.ts';

export const DEMAND_PERIOD_MINUTES = 15;
export const SLIDE_MINUTES = 1;

export interface DemandMaximum {
  readonly watts: number;
  /** Meter clock, epoch ms; undefined before the first period has passed. */
  readonly atMs: number | undefined;
}

/** [total, tariff 1…4] maxima of one direction. */
export type DemandSnapshot = readonly DemandMaximum[];

const NONE: DemandMaximum = { watts: 0, atMs: undefined };

export class DemandRegister {
  private readonly window = new Float64Array(DEMAND_PERIOD_MINUTES);
  private filled = 0;
  private next = 0;
  private minuteWh = 0;
  private maxima: DemandMaximum[] = new Array<DemandMaximum>(TARIFF_COUNT + 1).fill(NONE);
  /** The latest sliding average, W. */
  presentW = 0;

  /** Energy of this direction in the running minute. */
  add(wh: number): void {
    this.minuteWh += wh;
  }

  /** Closes a minute: slides the window and updates the maxima of the tariff in force. */
  closeMinute(tariff: number, meterClockMs: number): void {
    this.window[this.next] = this.minuteWh;
    this.next = (this.next + 1) % DEMAND_PERIOD_MINUTES;
    this.filled = Math.min(DEMAND_PERIOD_MINUTES, this.filled + 1);
    this.minuteWh = 0;
    if (this.filled < DEMAND_PERIOD_MINUTES) return;
    let wh = 0;
    for (const minute of this.window) wh += minute;
    this.observe((wh * 60) / DEMAND_PERIOD_MINUTES, tariff, meterClockMs);
  }

  /**
   * Closes `count` minutes that ended at `meterClockMs`, sharing the energy added since evenly among them.
   * A whole period or more of equal minutes leaves only them in the window; the windows that mixed them with
   * older minutes on the way are not looked at (an approximation only fast-forwarding makes).
   */
  closeMinutes(count: number, tariff: number, meterClockMs: number): void {
    const share = this.minuteWh / count;
    if (count < DEMAND_PERIOD_MINUTES) {
      for (let i = count - 1; i >= 0; i--) {
        this.minuteWh = share;
        this.closeMinute(tariff, meterClockMs - i * 60_000);
      }
      return;
    }
    this.window.fill(share);
    this.next = 0;
    this.filled = DEMAND_PERIOD_MINUTES;
    this.minuteWh = 0;
    this.observe(share * 60, tariff, meterClockMs);
  }

  private observe(watts: number, tariff: number, meterClockMs: number): void {
    this.presentW = watts;
    for (const index of [0, tariff]) {
      if (watts > (this.maxima[index] as DemandMaximum).watts)
        this.maxima[index] = { watts, atMs: meterClockMs };
    }
  }

  snapshot(): DemandSnapshot {
    return [...this.maxima];
  }

  /** 最大需量清零 (§7.10). */
  clear(): void {
    this.maxima = new Array<DemandMaximum>(TARIFF_COUNT + 1).fill(NONE);
  }
}
