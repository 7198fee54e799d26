// Every few seconds, each terminal port's link as the observer should see it: a port whose link has been
// down for two checks in a row is down; one that is up again is up at once (a reconnecting link does not
// flap its terminal-offline alarm).
import type { CollectorCore } from './core.ts';

export class LinkWatch {
  private readonly core: CollectorCore;
  private timer: NodeJS.Timeout | undefined;
  private readonly downSince = new Map<string, number>();

  constructor(core: CollectorCore) {
    this.core = core;
  }

  /** Checks the links on an interval while there is an observer to tell. */
  start(): void {
    if (this.core.options.observer === undefined) return;
    this.timer = setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private get intervalMs(): number {
    return this.core.options.linkCheckMs ?? 5000;
  }

  private check(): void {
    const headEnd = this.core.headEnd;
    if (headEnd === undefined) return;
    const now = this.core.now();
    const links = headEnd.portLinks().map((link) => {
      const port = `${link.terminalId}:${link.portNo}`;
      if (link.up) this.downSince.delete(port);
      else if (!this.downSince.has(port)) this.downSince.set(port, now);
      const downSince = this.downSince.get(port);
      return { ...link, up: downSince === undefined || now - downSince < 2 * this.intervalMs };
    });
    this.core.observe((observer) => observer.linkStates(links));
    const flaps = headEnd.linkFlaps();
    if (flaps.length > 0) this.core.observe((observer) => observer.linkFlaps(flaps));
  }
}
