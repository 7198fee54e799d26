// A running field: terminals listening (or dialling) over real TCP, their buses, their meters. Start one in
// a test with `startField`, talk to it with any DL/T 645 client, change it at run time, stop it.
import type { FaultSettings } from '../bus/faults.ts';
import { Rs485Bus } from '../bus/rs485-bus.ts';
import { Concentrator } from '../concentrator/concentrator.ts';
import { Uplink } from '../concentrator/uplink.ts';
import { AggregateLoad } from '../meter/aggregate-load.ts';
import type { Household } from '../meter/household.ts';
import { SimMeter } from '../meter/meter.ts';
import { meterConfig } from '../meter/meter-config.ts';
import { Random } from '../random.ts';
import { Terminal } from '../terminal/terminal.ts';
import { TerminalPort } from '../terminal/terminal-port.ts';
import { realTimeClock, type SimClock } from '../time/sim-clock.ts';
import type { ConcentratorDescription, FieldDescription, TerminalDescription } from './description.ts';
import { scheduleScenarios } from './schedule.ts';

export interface FieldOptions {
  /** A clock of the test's own; otherwise real time × the description's time factor. */
  readonly clock?: SimClock;
}

export interface MeterPlacement {
  readonly meter: SimMeter;
  readonly bus: Rs485Bus;
  readonly terminal: Terminal;
  readonly portIndex: number;
}

export type FaultTarget = { readonly terminal: string; readonly port?: number } | { readonly meter: string };

export interface TerminalListing {
  readonly id: string;
  readonly model: string;
  readonly mode: string;
  /** Server mode: the TCP port of each RS-485 port, in order. */
  readonly ports: readonly (number | undefined)[];
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_HEARTBEAT_S = 60;
const DEFAULT_READ_INTERVAL_S = 60;

/** A running concentrator: its memory and answers, and its link to the master station. */
export interface ConcentratorRun {
  readonly concentrator: Concentrator;
  readonly uplink: Uplink;
}

export class Field {
  readonly terminals: Terminal[] = [];
  readonly concentrators: ConcentratorRun[] = [];
  /** Meters behind concentrators (not on a bus). */
  private readonly concentratorMeters = new Map<string, SimMeter>();
  readonly clock: SimClock;
  readonly host: string;
  private readonly placements = new Map<string, MeterPlacement>();
  private disarm: () => void = () => {};

  private constructor(clock: SimClock, host: string) {
    this.clock = clock;
    this.host = host;
  }

  static async start(description: FieldDescription, options: FieldOptions = {}): Promise<Field> {
    const startMs = description.start === undefined ? Date.now() : Date.parse(description.start);
    const clock = options.clock ?? realTimeClock(startMs, description.timeFactor ?? 1);
    const field = new Field(clock, description.host ?? DEFAULT_HOST);
    const random = new Random(description.seed ?? 1);
    try {
      for (const terminalDescription of description.terminals) {
        await field.startTerminal(terminalDescription, random, clock.now());
      }
      for (const concentratorDescription of description.concentrators ?? [])
        field.startConcentrator(concentratorDescription, random, clock.now());
      field.wireAggregates(description);
    } catch (error) {
      await field.stop();
      throw error;
    }
    field.disarm = scheduleScenarios(field, description.scenarios ?? []);
    return field;
  }

  private async startTerminal(
    description: TerminalDescription,
    random: Random,
    nowMs: number,
  ): Promise<void> {
    const terminal = new Terminal(description.id, description.model, description.mode ?? 'server');
    terminal.faults = description.faults;
    this.terminals.push(terminal);
    for (const [index, portDescription] of description.ports.entries()) {
      const firstEdition = portDescription.meters[0]?.edition ?? '2007';
      const baud = portDescription.baud ?? (firstEdition === '1997' ? 1200 : 2400);
      const bus = new Rs485Bus(baud, this.clock, random.seed(), () => terminal.faults);
      bus.portFaults = portDescription.faults;
      for (const meterDescription of portDescription.meters) {
        const { faults, aggregate: _aggregate, ...input } = meterDescription;
        const config = meterConfig({
          ...input,
          seed: input.seed ?? random.seed(),
          baud: input.baud ?? baud,
        });
        if (this.placements.has(config.address))
          throw new Error(`meter ${config.address} is described twice`);
        const meter = new SimMeter(config, nowMs);
        bus.attach(meter);
        if (faults !== undefined) bus.meterFaults.set(meter, faults);
        this.placements.set(config.address, { meter, bus, terminal, portIndex: index });
      }
      const port = new TerminalPort(bus, index);
      terminal.ports.push(port);
      if (terminal.mode === 'server') {
        const base = description.basePort ?? 0;
        await port.listen(this.host, base === 0 ? 0 : base + index);
      } else if (description.connect !== undefined) {
        const registration = description.connect.registration
          ?.replaceAll('{terminal}', terminal.id)
          .replaceAll('{port}', String(index));
        port.dial({
          host: description.connect.host,
          port: description.connect.port,
          ...(registration === undefined ? {} : { registration: new TextEncoder().encode(registration) }),
        });
      }
    }
  }

  private startConcentrator(description: ConcentratorDescription, random: Random, nowMs: number): void {
    const meters = description.meters.map((meterDescription) => {
      const { faults: _faults, aggregate: _aggregate, ...input } = meterDescription;
      const config = meterConfig({ ...input, seed: input.seed ?? random.seed() });
      if (this.placements.has(config.address) || this.concentratorMeters.has(config.address))
        throw new Error(`meter ${config.address} is described twice`);
      const meter = new SimMeter(config, nowMs);
      this.concentratorMeters.set(config.address, meter);
      return meter;
    });
    const concentrator = new Concentrator({
      area: description.area,
      terminal: description.terminal,
      clock: this.clock,
      meters: meters.map((meter) => ({ meter })),
      channel: { lossRate: description.lossRate ?? 0, seed: random.seed() },
      ...(description.signalDbm === undefined ? {} : { signalDbm: description.signalDbm }),
    });
    if (description.preloadTable === true)
      concentrator.setMeterTable(
        meters.map((meter, i) => ({
          index: i + 1,
          point: i + 1,
          port: 31,
          baud: 0,
          protocol: meter.config.edition === '2007' ? 30 : 1,
          address: meter.address,
          password: 0,
          tariffCount: 4,
          integerDigits: 6,
          decimalDigits: 2,
          collectorAddress: '000000000000',
          userClass: 0,
          userSubclass: 0,
        })),
      );
    const uplink = new Uplink(concentrator, {
      host: description.connect.host,
      port: description.connect.port,
      heartbeatMs: (description.heartbeatS ?? DEFAULT_HEARTBEAT_S) * 1000,
      latencyMs: description.latencyMs ?? 0,
      dropRate: description.dropRate ?? 0,
      ...(description.reconnectDelayMs === undefined
        ? {}
        : { reconnectDelayMs: description.reconnectDelayMs }),
      seed: random.seed(),
    });
    this.concentrators.push({ concentrator, uplink });
    concentrator.startReading((description.readIntervalS ?? DEFAULT_READ_INTERVAL_S) * 1000);
    uplink.start();
  }

  /** A concentrator by its name, `AREA-ADDRESS` (the address as digits, with or without leading zeros). */
  concentrator(name: string): ConcentratorRun {
    const [area, terminal] = name.split('-');
    const run = this.concentrators.find(
      (c) => c.concentrator.area === area && c.concentrator.terminal === Number(terminal),
    );
    if (run === undefined) throw new Error(`no concentrator ${name}`);
    return run;
  }

  /** A concentrator loses power (its link and reading stop) or gets it back (ERC 14 recorded, it redials). */
  setConcentratorPower(name: string, on: boolean): void {
    const run = this.concentrator(name);
    if (on) {
      run.concentrator.powerOn();
      run.uplink.resume();
    } else {
      run.concentrator.powerOff();
      run.uplink.pause();
    }
  }

  /** Supply meters draw what their children draw (children first: a building's meter sums households). */
  private wireAggregates(description: FieldDescription): void {
    for (const terminal of description.terminals) {
      for (const port of terminal.ports) {
        for (const { address, aggregate } of port.meters) {
          if (aggregate === undefined) continue;
          const meter = this.placement(address).meter;
          meter.household = new AggregateLoad({
            id: meter.address,
            children: aggregate.children.map((child) => this.placement(child).meter),
            lossPermille: aggregate.lossPermille,
            utcOffsetMinutes: meter.config.utcOffsetMinutes,
          });
        }
      }
    }
  }

  listing(): TerminalListing[] {
    return this.terminals.map((terminal) => ({
      id: terminal.id,
      model: terminal.model,
      mode: terminal.mode,
      ports: terminal.ports.map((port) => port.listeningPort),
    }));
  }

  /** The TCP port of a terminal's RS-485 port (server mode). */
  tcpPort(terminalId: string, portIndex = 0): number {
    const port = this.terminal(terminalId).ports[portIndex]?.listeningPort;
    if (port === undefined) throw new Error(`terminal ${terminalId} has no listening port ${portIndex}`);
    return port;
  }

  terminal(id: string): Terminal {
    const terminal = this.terminals.find((t) => t.id === id);
    if (terminal === undefined) throw new Error(`no terminal ${id}`);
    return terminal;
  }

  placement(address: string): MeterPlacement {
    const placement = this.placements.get(address.padStart(12, '0'));
    if (placement === undefined) throw new Error(`no meter ${address}`);
    return placement;
  }

  /** The meter, brought up to the present so its state is true now. */
  meter(address: string): SimMeter {
    const meter = this.concentratorMeters.get(address.padStart(12, '0')) ?? this.placement(address).meter;
    meter.advanceTo(this.clock.now());
    return meter;
  }

  get meterCount(): number {
    return this.placements.size + this.concentratorMeters.size;
  }

  addresses(): string[] {
    return [...this.placements.keys(), ...this.concentratorMeters.keys()];
  }

  setFaults(target: FaultTarget, settings: FaultSettings | undefined): void {
    if ('meter' in target) {
      const { meter, bus } = this.placement(target.meter);
      if (settings === undefined) bus.meterFaults.delete(meter);
      else bus.meterFaults.set(meter, settings);
      return;
    }
    const terminal = this.terminal(target.terminal);
    if (target.port === undefined) {
      terminal.faults = settings;
      return;
    }
    const port = terminal.ports[target.port];
    if (port === undefined) throw new Error(`terminal ${terminal.id} has no port ${target.port}`);
    port.bus.portFaults = settings;
  }

  /** Two households wired to each other's meters (表计装反, DOMAIN.md §7). */
  swapHouseholds(addressA: string, addressB: string): void {
    const now = this.clock.now();
    const a = this.meter(addressA);
    const b = this.meter(addressB);
    a.advanceTo(now);
    b.advanceTo(now);
    const household: Household = a.household;
    a.household = b.household;
    b.household = household;
    a.advanceTo(now);
    b.advanceTo(now);
  }

  async stop(): Promise<void> {
    this.disarm();
    for (const { concentrator } of this.concentrators) concentrator.stopReading();
    await Promise.all([
      ...this.terminals.map((terminal) => terminal.stop()),
      ...this.concentrators.map(({ uplink }) => uplink.stop()),
    ]);
  }
}

export function startField(description: FieldDescription, options: FieldOptions = {}): Promise<Field> {
  return Field.start(description, options);
}
