// A dial-in terminal whose link keeps dropping and coming back (a failing modem, a bad antenna, or two
// devices fighting over one registration) is "flapping": each reconnection, and each newcomer refused because
// the live link was heard, counts; more than `reconnects` of them within `windowMs` and the terminal flaps
// until the count in the window is back at or under the limit. Pure bookkeeping: the clock is passed in.
import type { LinkFlap } from '@openami/domain';

export interface FlapSettings {
  /** More reconnections (and refused takeovers) than this within the window: flapping. */
  readonly reconnects: number;
  readonly windowMs: number;
}

export const flapDefaults: FlapSettings = { reconnects: 5, windowMs: 10 * 60_000 };

/** What counts toward flapping. */
export type FlapEvent = 'reconnected' | 'refused-live';

export class FlapTracker {
  private readonly settings: FlapSettings;
  private readonly events = new Map<number, { at: number; event: FlapEvent }[]>();
  private readonly flapping = new Set<number>();
  /**
   * Terminals that have flapped since start: they are reported on every look, flapping or not, so that the
   * alarm engine sees the absence for as long as its damping time needs.
   */
  private readonly flapped = new Set<number>();

  constructor(settings: FlapSettings = flapDefaults) {
    this.settings = settings;
  }

  /**
   * Notes one event; answers 'started' when it made the terminal flap (for a log line), otherwise
   * undefined.
   */
  note(terminalId: number, event: FlapEvent, now: number): 'started' | undefined {
    const kept = this.recent(terminalId, now);
    kept.push({ at: now, event });
    this.events.set(terminalId, kept);
    if (kept.length > this.settings.reconnects && !this.flapping.has(terminalId)) {
      this.flapping.add(terminalId);
      this.flapped.add(terminalId);
      return 'started';
    }
    return undefined;
  }

  /** Every terminal with events in the window or that has flapped since start. */
  states(now: number): LinkFlap[] {
    const states: LinkFlap[] = [];
    for (const terminalId of new Set([...this.events.keys(), ...this.flapped])) {
      const kept = this.recent(terminalId, now);
      const flapping = kept.length > this.settings.reconnects;
      if (!flapping) this.flapping.delete(terminalId);
      else this.flapping.add(terminalId);
      if (kept.length === 0) this.events.delete(terminalId);
      else this.events.set(terminalId, kept);
      states.push({
        terminalId,
        flapping,
        reconnects: kept.filter((e) => e.event === 'reconnected').length,
        refusedTakeovers: kept.filter((e) => e.event === 'refused-live').length,
        windowMs: this.settings.windowMs,
      });
    }
    return states;
  }

  forget(terminalId: number): void {
    this.events.delete(terminalId);
    this.flapping.delete(terminalId);
    this.flapped.delete(terminalId);
  }

  private recent(terminalId: number, now: number): { at: number; event: FlapEvent }[] {
    return (this.events.get(terminalId) ?? []).filter((e) => now - e.at < this.settings.windowMs);
  }
}
