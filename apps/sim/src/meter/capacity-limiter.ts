// 限容 (capacity limit, DOMAIN.md §4): power above the set maximum for the trip delay opens the relay; the
// networked variant closes it again after the restore time. Only the timing lives here; the meter acts.
import type { CapacityLimitConfig } from './meter-config.ts';

export type CapacityAction = 'trip' | 'close';

export class CapacityLimiter {
  readonly config: CapacityLimitConfig;
  private overSinceMs: number | undefined;
  private restoreAtMs: number | undefined;

  constructor(config: CapacityLimitConfig, previous?: CapacityLimiter) {
    this.config = config;
    this.overSinceMs = previous?.overSinceMs;
    this.restoreAtMs = previous?.restoreAtMs;
  }

  /** The power flowing at `simMs` (0 counts as not over, as when the relay is open). */
  observe(powerW: number, simMs: number): void {
    if (Math.abs(powerW) > this.config.maxPowerW) this.overSinceMs ??= simMs;
    else this.overSinceMs = undefined;
  }

  /** The next instant the limiter acts, if any. */
  nextActionMs(): number | undefined {
    if (this.overSinceMs !== undefined) return this.overSinceMs + this.config.tripDelayMs;
    return this.restoreAtMs;
  }

  /** What is due at `simMs`, consumed once returned. */
  due(simMs: number): CapacityAction | undefined {
    if (this.overSinceMs !== undefined && simMs >= this.overSinceMs + this.config.tripDelayMs) {
      this.overSinceMs = undefined;
      const restoreAfter = this.config.restoreAfterMs;
      this.restoreAtMs = restoreAfter === undefined ? undefined : simMs + restoreAfter;
      return 'trip';
    }
    if (this.restoreAtMs !== undefined && simMs >= this.restoreAtMs) {
      this.restoreAtMs = undefined;
      return 'close';
    }
    return undefined;
  }
}
