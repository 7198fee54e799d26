// The head-end process's core: a channel and a bus for every terminal port, reads on demand and by plan,
// broadcast time sync. Buses are independent: a dead terminal fails only its own meters. What is read goes
// to a sink (the store, in production), meter by meter as it comes.
import type { LinkFlap, PortLink, StoredEnergy } from '@openami/domain';
import { requestFrame2007 } from '@openami/protocol';
import { BlockSupport } from './collect/blocks.ts';
import type { MeterOutcome, MeterTask } from './collect/collect-meter.ts';
import { type BusWork, type RunReport, runCollection } from './collect/collection-run.ts';
import { busId, type FieldConfig, type MeterConfig, type PortConfig, type TerminalConfig } from './config.ts';
import { Bus, type BusSettings } from './link/bus.ts';
import type { ByteChannel } from './link/channel.ts';
import { type DialInCounters, type DialInGuardOptions, DialInServer } from './link/dial-in-server.ts';
import { MeterClient } from './link/meter-client.ts';
import { SerialChannel } from './link/serial-channel.ts';
import { TcpClientChannel } from './link/tcp-client-channel.ts';
import { broadcastTime } from './plans/clock.ts';

export interface ReadingSink {
  /**
   * Called for every meter as soon as it is done; resolve once stored durably, with the energy reading as
   * stored (its validation flags) when the meter gave one.
   */
  meterDone(outcome: MeterOutcome, readAt: number): Promise<StoredEnergy | undefined>;
}

export interface HeadEndOptions {
  /** Overrides for every bus (timeouts, gaps); the baud comes from each port. */
  readonly bus?: Omit<BusSettings, 'baud'>;
  readonly attempts?: number;
  readonly sink?: ReadingSink;
  readonly now?: () => number;
  /** The dial-in port's guard (bind address, deadline, live window, caps); unset, `dialInDefaults`. */
  readonly dialIn?: DialInGuardOptions;
  /** One line per event worth a log entry (refused or unknown dial-in connections). */
  readonly log?: (line: string) => void;
}

interface BusEntry {
  readonly id: string;
  readonly terminalId: number;
  readonly portNo: number;
  readonly channel: ByteChannel;
  readonly bus: Bus;
  readonly client: MeterClient;
}

/** One bus's use since it was opened: see `Bus.usage`. */
export interface BusUsage {
  readonly terminalId: number;
  readonly portNo: number;
  readonly busyMs: number;
  readonly exchanges: number;
  readonly queued: number;
}

export class HeadEnd {
  private readonly buses = new Map<string, BusEntry>();
  private readonly meters = new Map<number, MeterConfig>();
  private readonly blocks = new BlockSupport();
  private dialIn: DialInServer | undefined;
  private dialInListeningPort: number | undefined;
  private config: FieldConfig;
  private readonly options: HeadEndOptions;

  constructor(config: FieldConfig, options: HeadEndOptions = {}) {
    this.config = config;
    this.options = options;
    for (const meter of config.meters) this.meters.set(meter.id, meter);
  }

  /** Where dial-in terminals connect (after start). */
  get dialInPort(): number | undefined {
    return this.dialInListeningPort;
  }

  /**
   * Loads the dial-in port's TLS files again (SIGHUP): true when the next handshakes use them; false without
   * TLS, or when they were refused (logged; the previous certificate stays).
   */
  reloadDialInTls(why: string): boolean {
    try {
      const reloaded = this.dialIn?.reloadTls() ?? false;
      if (reloaded) this.options.log?.(`dial-in: TLS files reloaded (${why})`);
      return reloaded;
    } catch (error) {
      this.options.log?.(
        `dial-in: TLS reload refused (${why}): ${(error as Error).message}; the previous certificate is still used`,
      );
      return false;
    }
  }

  /** Dial-in terminals whose links dropped or were contested within the flap window. */
  linkFlaps(): LinkFlap[] {
    return this.dialIn?.linkFlaps() ?? [];
  }

  /** What the dial-in port has refused and accepted since start (undefined without dial-in terminals). */
  get dialInCounters(): Readonly<DialInCounters> | undefined {
    return this.dialIn?.counters;
  }

  get timeZone(): string {
    return this.config.timeZone ?? 'Asia/Shanghai';
  }

  /** Opens every channel. Terminals that cannot be reached now are retried in the background. */
  async start(): Promise<void> {
    await this.openDialIn(this.config.terminals);
    const opening: Promise<void>[] = [];
    for (const terminal of this.config.terminals) this.openTerminal(terminal, opening);
    await Promise.all(opening);
  }

  /**
   * Takes a changed field while running (a terminal or meter added, moved or removed in the archive): the
   * buses of terminals added are opened, those of terminals removed or changed closed (a changed one is
   * opened again with its new settings), and the meters are the new ones. Buses of terminals that did not
   * change keep their links and their queued work.
   */
  async reconfigure(config: FieldConfig): Promise<void> {
    const before = new Map(this.config.terminals.map((t) => [t.id, terminalKey(t)]));
    const after = new Map(config.terminals.map((t) => [t.id, terminalKey(t)]));
    const changed = (id: number) => before.get(id) !== after.get(id);
    for (const [id, entry] of this.buses) {
      if (!changed(entry.terminalId)) continue;
      this.buses.delete(id);
      entry.bus.close();
      await entry.channel.close();
    }
    // The dial-in server keeps listening where it listens.
    const dialInPort = this.config.dialInPort ?? config.dialInPort;
    this.config = { ...config, ...(dialInPort === undefined ? {} : { dialInPort }) };
    this.meters.clear();
    for (const meter of config.meters) this.meters.set(meter.id, meter);
    const dialIn = config.terminals.filter((t) => t.mode === 'tcp-client');
    if (this.dialIn === undefined) await this.openDialIn(dialIn);
    else this.dialIn.setTerminals(dialIn.map(dialInTerminal));
    const opening: Promise<void>[] = [];
    for (const terminal of config.terminals) {
      if (changed(terminal.id)) this.openTerminal(terminal, opening);
    }
    await Promise.all(opening);
  }

  private async openDialIn(terminals: readonly TerminalConfig[]): Promise<void> {
    const dialInTerminals = terminals.filter((t) => t.mode === 'tcp-client');
    if (dialInTerminals.length === 0) return;
    this.dialIn = new DialInServer(dialInTerminals.map(dialInTerminal), {
      ...this.options.dialIn,
      port: this.config.dialInPort ?? 0,
      ...(this.options.log === undefined ? {} : { log: this.options.log }),
    });
    this.dialInListeningPort = await this.dialIn.listen();
  }

  private openTerminal(terminal: TerminalConfig, opening: Promise<void>[]): void {
    for (const port of terminal.ports) {
      const channel = this.channelFor(terminal, port, opening);
      const bus = new Bus(channel, { ...this.options.bus, baud: port.baud });
      const id = busId(terminal.id, port.portNo);
      this.buses.set(id, {
        id,
        terminalId: terminal.id,
        portNo: port.portNo,
        channel,
        bus,
        client: new MeterClient(bus, { attempts: this.options.attempts ?? 3 }),
      });
    }
  }

  async stop(): Promise<void> {
    for (const entry of this.buses.values()) {
      entry.bus.close();
      await entry.channel.close();
    }
    await this.dialIn?.close();
  }

  /** Reads `items` from the given meters (all, if none named), every bus in parallel. */
  read(
    items: readonly number[],
    options: {
      meterIds?: readonly number[];
      priority?: 'operator' | 'scheduled';
      /** Each meter's outcome once its readings are stored, with the energy reading stored (if any). */
      onOutcome?: (outcome: MeterOutcome, stored: StoredEnergy | undefined) => void;
    } = {},
  ): Promise<RunReport> {
    const wanted =
      options.meterIds === undefined
        ? [...this.meters.values()]
        : options.meterIds.flatMap((id) => this.meters.get(id) ?? []);
    const work = new Map<string, MeterTask[]>();
    for (const meter of wanted) {
      const id = busId(meter.terminalId, meter.portNo);
      const tasks = work.get(id) ?? [];
      tasks.push({
        meterId: meter.id,
        address: meter.address,
        edition: meter.edition,
        meterType: meter.meterType,
        items,
      });
      work.set(id, tasks);
    }
    const busWork: BusWork[] = [...work].flatMap(([id, tasks]) => {
      const entry = this.buses.get(id);
      return entry === undefined ? [] : [{ busId: id, client: entry.client, tasks }];
    });
    const now = this.options.now ?? Date.now;
    return runCollection(busWork, {
      blocks: this.blocks,
      now,
      ...(options.priority === undefined ? {} : { priority: options.priority }),
      onOutcome: async (_, collected) => {
        const collectedAt = now();
        const outcome = { ...collected, collectedAt };
        // Values are dated when the meter gave them, not when the run finished with it: another run may
        // have read the same meter in between, and its later values must not look older.
        const stored = await this.options.sink?.meterDone(outcome, collected.firstAnsweredAt ?? collectedAt);
        options.onOutcome?.(outcome, stored);
      },
    });
  }

  /**
   * Runs `work` for each bus with its meters (all, or those named), every bus in parallel, meters of one bus
   * one after another: for collections that are more than a list of items, such as daily-freeze gap filling.
   */
  async perMeter<T>(
    work: (client: MeterClient, meter: MeterConfig) => Promise<T>,
    meterIds?: readonly number[],
  ): Promise<{ meter: MeterConfig; result: T }[]> {
    const wanted =
      meterIds === undefined
        ? [...this.meters.values()]
        : meterIds.flatMap((id) => this.meters.get(id) ?? []);
    const byBus = new Map<string, MeterConfig[]>();
    for (const meter of wanted) {
      const id = busId(meter.terminalId, meter.portNo);
      byBus.set(id, [...(byBus.get(id) ?? []), meter]);
    }
    const perBus = await Promise.all(
      [...byBus].map(async ([id, meters]) => {
        const entry = this.buses.get(id);
        const results: { meter: MeterConfig; result: T }[] = [];
        if (entry === undefined) return results;
        for (const meter of meters) results.push({ meter, result: await work(entry.client, meter) });
        return results;
      }),
    );
    return perBus.flat();
  }

  /** Broadcasts the station's clock on every bus that is up (§7.6); returns the buses it reached. */
  async timeSync(): Promise<string[]> {
    const time = broadcastTime((this.options.now ?? Date.now)(), this.timeZone);
    const frame = requestFrame2007({ kind: 'broadcast-time-sync', time });
    const reached: string[] = [];
    await Promise.all(
      [...this.buses.values()].map(async (entry) => {
        try {
          await entry.bus.exchange({ frame, edition: '2007', priority: 'operator' });
          reached.push(entry.id);
        } catch {
          // An offline bus is synchronised at the next run; the run report shows which were reached.
        }
      }),
    );
    return reached.sort();
  }

  /** Whether each bus's link is up. */
  linkStates(): Record<string, boolean> {
    return Object.fromEntries([...this.buses.values()].map((entry) => [entry.id, entry.channel.isOpen]));
  }

  /** Each terminal port's bus: how long it has been held and how much waits for it (metrics). */
  busUsage(): BusUsage[] {
    return [...this.buses.values()].map((entry) => ({
      terminalId: entry.terminalId,
      portNo: entry.portNo,
      ...entry.bus.usage,
      queued: entry.bus.queued,
    }));
  }

  /** Whether each terminal port's link is up. */
  portLinks(): PortLink[] {
    return [...this.buses.values()].map((entry) => ({
      terminalId: entry.terminalId,
      portNo: entry.portNo,
      up: entry.channel.isOpen,
    }));
  }

  private channelFor(terminal: TerminalConfig, port: PortConfig, opening: Promise<void>[]): ByteChannel {
    switch (terminal.mode) {
      case 'tcp-server': {
        if (port.tcpPort === undefined)
          throw new Error(`terminal ${terminal.id} port ${port.portNo} has no TCP port`);
        const channel = new TcpClientChannel({ host: terminal.host, port: port.tcpPort });
        opening.push(channel.start());
        return channel;
      }
      case 'tcp-client': {
        if (this.dialIn === undefined) throw new Error('the dial-in server is not listening');
        return this.dialIn.channel(terminal.id);
      }
      case 'serial': {
        if (port.path === undefined)
          throw new Error(`serial terminal ${terminal.id} port ${port.portNo} has no device path`);
        const channel = new SerialChannel({
          path: port.path,
          baud: port.baud,
          ...(port.parity === undefined ? {} : { parity: port.parity }),
        });
        opening.push(channel.keepOpen());
        return channel;
      }
    }
  }
}

function dialInTerminal(terminal: TerminalConfig & { mode: 'tcp-client' }) {
  return {
    id: terminal.id,
    ...(terminal.registration === undefined ? {} : { registration: terminal.registration }),
    ...(terminal.peerAddress === undefined ? {} : { peerAddress: terminal.peerAddress }),
    ...(terminal.heartbeat === undefined ? {} : { heartbeat: terminal.heartbeat }),
  };
}

/** A terminal's settings as one string: equal strings, an unchanged terminal. */
function terminalKey(terminal: TerminalConfig): string {
  return JSON.stringify(terminal, (_, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
  );
}
