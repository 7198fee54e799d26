// 整点冻结 (DL/T 645-2007 Table A.6, 05 04 …): on every hour by the meter's clock, the forward and reverse
// active totals, the last 254 kept. Stored flat in one typed array because a field holds many meters.
const KEPT = 254;
const FIELDS = 3;

export interface HourlyFreeze {
  readonly timeMs: number;
  readonly forwardWh: number;
  readonly reverseWh: number;
}

export class HourlyFreezes {
  private ring: Float64Array | undefined;
  private next = 0;
  private size = 0;

  add(timeMs: number, forwardWh: number, reverseWh: number): void {
    this.ring ??= new Float64Array(KEPT * FIELDS);
    this.ring.set([timeMs, forwardWh, reverseWh], this.next * FIELDS);
    this.next = (this.next + 1) % KEPT;
    this.size = Math.min(KEPT, this.size + 1);
  }

  /** The n-th last freeze, 1 = newest. */
  last(n: number): HourlyFreeze | undefined {
    const ring = this.ring;
    if (ring === undefined || n < 1 || n > this.size) return undefined;
    const at = ((this.next - n + KEPT) % KEPT) * FIELDS;
    return {
      timeMs: ring[at] as number,
      forwardWh: ring[at + 1] as number,
      reverseWh: ring[at + 2] as number,
    };
  }

  clear(): void {
    this.next = 0;
    this.size = 0;
  }
}
