// The field a running collector drives follows the archive: terminals and meters added, moved or taken out
// reach it without a restart. In the API's own process the archive's services say so at once (`reload`);
// a collector in another process compares the store's field version every few seconds and reloads when it
// changed. A reload takes the new field into the head-end (new buses opened, changed ones reopened) and then
// looks for the commands that were waiting for the new meters.
import { type ConfigProblem, loadFieldConfig } from '../store-config.ts';
import type { CollectorCore } from './core.ts';

export class FieldWatch {
  private readonly core: CollectorCore;
  /** Sends the commands that wait for meters this collector now drives. */
  private readonly afterReload: () => Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private version: string | undefined;
  /** One reload at a time; a request during one runs once more after it. */
  private running: Promise<void> | undefined;
  private again = false;

  constructor(core: CollectorCore, afterReload: () => Promise<void>) {
    this.core = core;
    this.afterReload = afterReload;
  }

  /** The field as the store has it now, with what in it cannot be used; its version is remembered. */
  async load() {
    this.version = await this.core.store.collection.fieldVersion();
    const loaded = await loadFieldConfig(this.core.store, {
      timeZone: this.core.timeZone,
      ...(this.core.options.dialInPort === undefined ? {} : { dialInPort: this.core.options.dialInPort }),
    });
    for (const problem of loaded.problems) this.core.log(`configuration: ${problem.problem}`);
    return loaded;
  }

  /** Compares the store's field version on an interval (default 5 s; 0 turns it off). */
  start(): void {
    const pollMs = this.core.options.fieldPollMs ?? 5000;
    if (pollMs <= 0) return;
    this.timer = setInterval(() => {
      this.reloadIfChanged().catch((error: unknown) =>
        this.core.log(`field: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async reloadIfChanged(): Promise<void> {
    if (this.core.headEnd === undefined) return;
    const version = await this.core.store.collection.fieldVersion();
    if (version !== this.version) await this.reload();
  }

  /** Takes the store's field into the running head-end now; resolves once it drives it. */
  async reload(): Promise<ConfigProblem[]> {
    if (this.running !== undefined) {
      this.again = true;
      await this.running;
      return [];
    }
    let problems: ConfigProblem[] = [];
    const work = (async () => {
      do {
        this.again = false;
        const headEnd = this.core.headEnd;
        if (headEnd === undefined) return;
        const { config, problems: found } = await this.load();
        problems = found;
        await headEnd.reconfigure(config);
        this.core.attach(headEnd, config.meters);
        this.core.log(
          `field: reloaded from the store, ${config.meters.length} meter(s) on ${config.terminals.length} terminal(s)`,
        );
      } while (this.again);
    })();
    this.running = work;
    try {
      await work;
    } finally {
      this.running = undefined;
    }
    await this.afterReload();
    return problems;
  }
}
