// One RS-485 bus: the meters hand in hand on a pair, and the terminal port's UART at one end. Half duplex:
// one transmitter at a time. Bytes take 11 bit times each (8E1, §5.1); a meter answers after its response
// delay (§5.3.3), prefixing 0-4 FEH; a transmission that overlaps another garbles both.
import { performance } from 'node:perf_hooks';
import {
  addressMatches,
  concatBytes,
  type DecodedFrame,
  Deframer,
  isBroadcastAddress,
  isConcreteAddress,
  WAKE_UP,
  wireTimeMs,
} from '@openami/protocol';
import type { SimMeter } from '../meter/meter.ts';
import { meterAnswer } from '../meter/serial-interface.ts';
import { Random } from '../random.ts';
import type { SimClock } from '../time/sim-clock.ts';
import { combineFaults, type EffectiveFaults, type FaultSettings } from './faults.ts';
import { collide, corruptOneByte } from './garble.ts';

/** A bus carries up to 256 meters (1/8 unit-load transceivers). */
export const MAX_METERS_PER_BUS = 256;
/** After a broadcast a meter may be busy this long (the head-end must wait, §7.6). */
export const BROADCAST_BUSY_MAX_MS = 500;
const MAX_WAKE_UP = 4;

export interface BusStats {
  requests: number;
  replies: number;
  collisions: number;
  dropped: number;
  corrupted: number;
  ignored: number;
}

interface Exchange {
  readonly requestEndMs: number;
  readonly replyEndMs: number;
  collided: boolean;
}

interface Transmission {
  readonly meter: SimMeter;
  readonly bytes: Uint8Array;
  readonly startMs: number;
  readonly endMs: number;
}

export type ReceiveOutcome = 'ok' | 'disconnect';

export class Rs485Bus {
  readonly meters: SimMeter[] = [];
  readonly meterFaults = new Map<SimMeter, FaultSettings>();
  portFaults: FaultSettings | undefined;
  readonly stats: BusStats = { requests: 0, replies: 0, collisions: 0, dropped: 0, corrupted: 0, ignored: 0 };
  /** Where bytes the meters put on the bus go (the terminal port, then its TCP peers). */
  onReply: (bytes: Uint8Array) => void = () => {};
  private readonly byAddress = new Map<string, SimMeter>();
  private readonly deframer = new Deframer();
  private readonly busyUntil = new Map<SimMeter, number>();
  private readonly random: Random;
  private uartFreeAtMs = 0;
  private exchange: Exchange | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly baud: number;
  private readonly clock: SimClock;
  private readonly terminalFaults: () => FaultSettings | undefined;

  constructor(
    baud: number,
    clock: SimClock,
    seed: number,
    terminalFaults: () => FaultSettings | undefined = () => undefined,
  ) {
    this.baud = baud;
    this.clock = clock;
    this.terminalFaults = terminalFaults;
    this.random = new Random(seed);
  }

  attach(meter: SimMeter): void {
    if (this.meters.length >= MAX_METERS_PER_BUS)
      throw new Error(`a bus carries at most ${MAX_METERS_PER_BUS} meters`);
    this.meters.push(meter);
    this.byAddress.set(meter.address, meter);
  }

  /** The faults in force on the line itself (terminal and port). */
  lineFaults(): EffectiveFaults {
    return combineFaults([this.terminalFaults(), this.portFaults]);
  }

  /** Bytes from the head-end, written by the terminal's UART onto the bus. */
  receive(chunk: Uint8Array, nowMs = performance.now()): ReceiveOutcome {
    const line = this.lineFaults();
    if (line.silent) return 'ok';
    if (this.random.chance(line.disconnectRate)) return 'disconnect';
    const baud = line.baud ?? this.baud;
    const startMs = Math.max(nowMs, this.uartFreeAtMs);
    const endMs = startMs + wireTimeMs(chunk.length, baud);
    this.uartFreeAtMs = endMs;
    const exchange = this.exchange;
    if (exchange !== undefined && startMs < exchange.replyEndMs && endMs > exchange.requestEndMs) {
      // The terminal drives the pair while a meter answers (or is about to): both signals are lost.
      if (!exchange.collided) this.stats.collisions++;
      exchange.collided = true;
      this.deframer.reset();
      return 'ok';
    }
    for (const event of this.deframer.push(chunk)) {
      if (event.kind === 'frame') this.handleFrame(event.frame, endMs, baud);
    }
    return 'ok';
  }

  /** Cancels pending replies (the field is stopping). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.exchange = undefined;
  }

  private handleFrame(frame: DecodedFrame, requestEndMs: number, lineBaud: number): void {
    this.stats.requests++;
    const exchange = this.exchange;
    if (exchange !== undefined && requestEndMs < exchange.replyEndMs) {
      // Two requests in one write: the second is on the wire while the first is being answered.
      if (!exchange.collided) this.stats.collisions++;
      exchange.collided = true;
      return;
    }
    const simMs = this.clock.at(requestEndMs);
    const broadcast = isBroadcastAddress(frame.address);
    const transmissions: Transmission[] = [];
    for (const meter of this.candidates(frame.address)) {
      const own = this.meterFaults.get(meter);
      const faults = combineFaults([this.terminalFaults(), this.portFaults, own]);
      // A dead meter, one listening at another rate, or one still busy after a broadcast hears nothing.
      const meterBaud = own?.baud ?? meter.baud;
      if (faults.dead || meterBaud !== lineBaud || (this.busyUntil.get(meter) ?? 0) > requestEndMs) {
        this.stats.ignored++;
        continue;
      }
      const reply = meterAnswer(meter, frame, simMs);
      if (broadcast) this.busyUntil.set(meter, requestEndMs + this.random.between(0, BROADCAST_BUSY_MAX_MS));
      if (reply === undefined) continue;
      const transmission = this.transmission(meter, reply.frame, requestEndMs, lineBaud, faults);
      if (transmission !== undefined) transmissions.push(transmission);
    }
    if (transmissions.length === 0) return;
    this.schedule(transmissions, requestEndMs);
  }

  private candidates(address: string): readonly SimMeter[] {
    if (isConcreteAddress(address) && !isBroadcastAddress(address)) {
      const meter = this.byAddress.get(address);
      if (meter !== undefined && meter.address === address) return [meter];
      this.reindex();
      const found = this.byAddress.get(address);
      return found === undefined ? [] : [found];
    }
    return this.meters.filter((meter) => addressMatches(address, meter.address));
  }

  /** Addresses change by write-address; the index follows. */
  private reindex(): void {
    this.byAddress.clear();
    for (const meter of this.meters) this.byAddress.set(meter.address, meter);
  }

  private transmission(
    meter: SimMeter,
    frame: Uint8Array,
    requestEndMs: number,
    lineBaud: number,
    faults: EffectiveFaults,
  ): Transmission | undefined {
    const range = meter.config.responseDelayMs;
    const delayMs = this.random.between(range.min, range.max) + faults.extraDelayMs;
    const wakeUp = this.random.int(0, MAX_WAKE_UP);
    if (this.random.chance(faults.dropRate)) {
      this.stats.dropped++;
      this.takePendingBaud(meter);
      return undefined;
    }
    let bytes: Uint8Array = new Uint8Array(wakeUp + frame.length);
    bytes.fill(WAKE_UP, 0, wakeUp);
    bytes.set(frame, wakeUp);
    if (this.random.chance(faults.corruptRate)) {
      this.stats.corrupted++;
      bytes = corruptOneByte(bytes, wakeUp, this.random);
    }
    const startMs = requestEndMs + delayMs;
    return { meter, bytes, startMs, endMs: startMs + wireTimeMs(bytes.length, lineBaud) };
  }

  private schedule(transmissions: Transmission[], requestEndMs: number): void {
    transmissions.sort((a, b) => a.startMs - b.startMs);
    const first = transmissions[0] as Transmission;
    let replyEndMs = first.endMs;
    let collided = false;
    for (const other of transmissions.slice(1)) {
      if (other.startMs < replyEndMs) collided = true;
      replyEndMs = Math.max(replyEndMs, other.endMs);
    }
    if (collided) this.stats.collisions++;
    const bytes = transmissions.length === 1 ? first.bytes : concatBytes(transmissions.map((t) => t.bytes));
    const exchange: Exchange = { requestEndMs, replyEndMs, collided };
    this.exchange = exchange;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        // A later exchange may have started once this one's last byte was due; leave it alone.
        if (this.exchange === exchange) this.exchange = undefined;
        for (const t of transmissions) this.takePendingBaud(t.meter);
        if (exchange.collided) {
          this.onReply(collide(bytes, this.random));
          return;
        }
        this.stats.replies++;
        this.onReply(bytes);
      },
      Math.max(0, replyEndMs - performance.now()),
    );
    this.timers.add(timer);
  }

  private takePendingBaud(meter: SimMeter): void {
    if (meter.pendingBaud === undefined) return;
    meter.baud = meter.pendingBaud;
    meter.pendingBaud = undefined;
  }
}
