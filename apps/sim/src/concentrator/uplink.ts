// The concentrator's uplink: it dials the master station (TCP client, as a GPRS/4G modem does), logs in with
// AFN 02 F1 and waits for the confirm, beats with AFN 02 F3 while online, and redials with a growing delay when
// the link drops or a login or heartbeat goes unanswered. Downlink requests are answered with RSEQ = the
// request's PSEQ, a request with CON set is confirmed, and an answer too long for one frame goes in several
// (FIR on the first, FIN on the last, the sequence number counting up from RSEQ). The GPRS link's latency
// and drops are options.
import { connect, type Socket } from 'node:net';
import { q1376 } from '@openami/protocol';
import { Random } from '../random.ts';
import type { Answer, Concentrator } from './concentrator.ts';

export interface UplinkOptions {
  readonly host: string;
  readonly port: number;
  /** Master station address (MSA) in the concentrator's own frames; 0: the terminal started it. */
  readonly master?: number;
  /** Real milliseconds between heartbeats (04 F1 sets minutes in the field; tests want less). */
  readonly heartbeatMs?: number;
  /** Heartbeats in a row left unanswered before the link is taken as dead. */
  readonly missedHeartbeats?: number;
  /** Real milliseconds to wait for the login's confirm. */
  readonly loginTimeoutMs?: number;
  /** One-way latency added to every frame the concentrator sends, real ms (GPRS: 300 or so). */
  readonly latencyMs?: number;
  /** Chance that the link drops instead of carrying a frame the concentrator sends (0–1). */
  readonly dropRate?: number;
  /** First redial delay, real ms; it doubles after each failure up to reconnectMaxMs. */
  readonly reconnectDelayMs?: number;
  readonly reconnectMaxMs?: number;
  /** Largest frame the concentrator sends; longer answers go in several frames. */
  readonly maxFrameBytes?: number;
  readonly seed?: number;
}

export type LinkState = 'offline' | 'connecting' | 'logging-in' | 'online' | 'stopped';

export interface LinkStats {
  connects: number;
  logins: number;
  heartbeatsSent: number;
  heartbeatsConfirmed: number;
  requests: number;
  framesSent: number;
  drops: number;
}

export const DEFAULT_MAX_FRAME_BYTES = 1024;

export class Uplink {
  readonly concentrator: Concentrator;
  readonly options: Required<UplinkOptions>;
  state: LinkState = 'offline';
  readonly stats: LinkStats = {
    connects: 0,
    logins: 0,
    heartbeatsSent: 0,
    heartbeatsConfirmed: 0,
    requests: 0,
    framesSent: 0,
    drops: 0,
  };
  /** Simulated epoch ms of the last confirmed login and heartbeat. */
  lastLoginMs: number | undefined;
  lastHeartbeatMs: number | undefined;
  private socket: Socket | undefined;
  private deframer = new q1376.Deframer();
  private pseq = 0;
  private failures = 0;
  private unanswered = 0;
  private loginSeq: number | undefined;
  private heartbeatSeqs = new Set<number>();
  private timers = new Set<NodeJS.Timeout>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly random: Random;
  private paused = false;
  /** Waiters for the next state change (tests). */
  private readonly listeners = new Set<(state: LinkState) => void>();

  constructor(concentrator: Concentrator, options: UplinkOptions) {
    this.concentrator = concentrator;
    this.options = {
      master: 0,
      heartbeatMs: 60_000,
      missedHeartbeats: 3,
      loginTimeoutMs: 10_000,
      latencyMs: 0,
      dropRate: 0,
      reconnectDelayMs: 1_000,
      reconnectMaxMs: 60_000,
      maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
      seed: concentrator.terminal,
      ...options,
    };
    if (!(this.options.dropRate >= 0 && this.options.dropRate <= 1))
      throw new Error(`a drop rate is 0–1, not ${this.options.dropRate}`);
    this.random = new Random(this.options.seed);
    this.heartbeatMs = this.options.heartbeatMs;
    // 04 F1's heartbeat period is in simulated minutes: real time is that over the clock's time factor.
    concentrator.onHeartbeatMinutes = (minutes) => {
      this.heartbeatMs = Math.max(1, (minutes * 60_000) / concentrator.clock.timeFactor);
      const socket = this.socket;
      if (this.state !== 'online' || socket === undefined) return;
      if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = setInterval(() => this.heartbeat(socket), this.heartbeatMs);
    };
  }

  /** The heartbeat period in force, real ms. */
  heartbeatMs: number;

  start(): void {
    if (this.state !== 'offline') return;
    this.dial();
  }

  /** Resolves when the link reaches `state` (or at once when it is there). */
  waitFor(state: LinkState): Promise<void> {
    if (this.state === state) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (now: LinkState) => {
        if (now !== state) return;
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  /** The modem loses power: the link goes down and stays down until resume. */
  pause(): void {
    if (this.state === 'stopped') return;
    this.paused = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const socket = this.socket;
    if (socket !== undefined) socket.resetAndDestroy();
    else this.setState('offline');
  }

  /** Power back: it dials at once. */
  resume(): void {
    if (!this.paused || this.state === 'stopped') return;
    this.paused = false;
    this.failures = 0;
    if (this.socket === undefined) this.dial();
  }

  /** The modem loses its link (a GPRS drop): it redials after its delay. */
  drop(): void {
    this.socket?.resetAndDestroy();
  }

  async stop(): Promise<void> {
    this.setState('stopped');
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
  }

  private setState(state: LinkState): void {
    if (this.state === 'stopped') return;
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private dial(): void {
    if (this.state === 'stopped' || this.paused) return;
    this.setState('connecting');
    this.deframer = new q1376.Deframer();
    this.stats.connects++;
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.once('connect', () => {
      if (this.socket !== socket) return;
      this.setState('logging-in');
      this.login(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      this.receive(socket, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('error', () => {
      // A refused dial or a reset link is normal for a modem; close redials.
    });
    socket.once('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
      if (this.state === 'stopped') return;
      this.stats.drops++;
      this.failures++;
      this.setState('offline');
      if (this.paused) return;
      const delay = Math.min(
        this.options.reconnectMaxMs,
        this.options.reconnectDelayMs * 2 ** Math.min(this.failures - 1, 16),
      );
      this.later(delay, () => this.dial());
    });
  }

  private nextSeq(): number {
    const number = this.pseq;
    this.pseq = (this.pseq + 1) % 16;
    return number;
  }

  private login(socket: Socket): void {
    const number = this.nextSeq();
    this.loginSeq = number;
    this.sendLinkFrame(socket, 1, number);
    this.later(this.options.loginTimeoutMs, () => {
      if (this.socket === socket && this.state === 'logging-in') socket.resetAndDestroy();
    });
  }

  private heartbeat(socket: Socket): void {
    if (this.unanswered >= this.options.missedHeartbeats) {
      socket.resetAndDestroy();
      return;
    }
    const number = this.nextSeq();
    this.heartbeatSeqs.add(number);
    this.unanswered++;
    this.stats.heartbeatsSent++;
    this.sendLinkFrame(socket, 3, number);
  }

  private sendLinkFrame(socket: Socket, fn: 1 | 3, number: number): void {
    this.send(
      socket,
      q1376.encodeMessage({
        control: {
          direction: 'up',
          primary: true,
          frameCountBit: false,
          frameCountValid: false,
          functionCode: q1376.PRIMARY_FUNCTION.linkTest,
        },
        address: this.address(this.options.master),
        afn: q1376.AFN.linkCheck,
        sequence: { first: true, final: true, confirm: true, number },
        units: [{ kind: fn === 1 ? 'login' : 'heartbeat', point: 0, fn }],
      }),
    );
  }

  private address(master: number): q1376.TerminalAddress {
    return { area: this.concentrator.area, terminal: this.concentrator.terminal, master, group: false };
  }

  /** Sends a frame after the link's latency, unless the link drops instead. */
  private send(socket: Socket, bytes: Uint8Array): void {
    if (this.random.chance(this.options.dropRate)) {
      socket.resetAndDestroy();
      return;
    }
    this.stats.framesSent++;
    const write = () => {
      if (!socket.destroyed) socket.write(bytes);
    };
    if (this.options.latencyMs > 0) this.later(this.options.latencyMs, write);
    else write();
  }

  private receive(socket: Socket, chunk: Uint8Array): void {
    for (const event of this.deframer.push(chunk)) {
      if (event.kind !== 'frame') continue;
      let message: q1376.DecodedMessage;
      try {
        message = q1376.interpretFrame(event.frame);
      } catch {
        continue;
      }
      const { frame } = message;
      if (frame.control.direction !== 'down' || !this.isForMe(frame.address)) continue;
      if (!frame.control.primary || frame.afn === q1376.AFN.confirm) this.linkAnswer(socket, message);
      else this.request(socket, message);
    }
  }

  private isForMe(address: q1376.TerminalAddress): boolean {
    if (address.area.toUpperCase() !== this.concentrator.area.toUpperCase()) return false;
    if (address.group) return address.terminal === 0xffff;
    return address.terminal === this.concentrator.terminal;
  }

  /** The master station's confirm of our login or heartbeat. */
  private linkAnswer(socket: Socket, message: q1376.DecodedMessage): void {
    const number = message.frame.sequence.number;
    const confirmed = message.units.some(
      (unit) =>
        unit.kind === 'confirm-all' ||
        (unit.kind === 'item-results' && unit.items.every((item) => item.errorCode === 0)),
    );
    if (this.state === 'logging-in' && number === this.loginSeq) {
      if (!confirmed) {
        socket.resetAndDestroy();
        return;
      }
      this.failures = 0;
      this.unanswered = 0;
      this.heartbeatSeqs.clear();
      this.stats.logins++;
      this.lastLoginMs = this.concentrator.clock.now();
      this.setState('online');
      this.heartbeatTimer = setInterval(() => this.heartbeat(socket), this.heartbeatMs);
      return;
    }
    if (this.heartbeatSeqs.delete(number) && confirmed) {
      this.unanswered = 0;
      this.stats.heartbeatsConfirmed++;
      this.lastHeartbeatMs = this.concentrator.clock.now();
    }
  }

  private request(socket: Socket, message: q1376.DecodedMessage): void {
    this.stats.requests++;
    const { frame, units } = message;
    let answer: Answer | undefined;
    try {
      answer = this.concentrator.answer(frame.afn, units, frame.address.master);
    } catch {
      answer = { afn: q1376.AFN.confirm, units: [{ kind: 'deny-all', point: 0, fn: 2 }] };
    }
    if (answer === undefined) {
      if (!frame.sequence.confirm) return;
      answer = { afn: q1376.AFN.confirm, units: [{ kind: 'deny-all', point: 0, fn: 2 }] };
    }
    for (const bytes of this.answerFrames(frame, answer)) this.send(socket, bytes);
  }

  /** The answer's frames: as many as it takes to stay within maxFrameBytes. */
  answerFrames(request: q1376.DecodedFrame, answer: Answer): Uint8Array[] {
    const base = {
      control: {
        direction: 'up' as const,
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode:
          answer.afn === q1376.AFN.confirm
            ? q1376.SECONDARY_FUNCTION.confirm
            : q1376.SECONDARY_FUNCTION.userData,
      },
      address: this.address(request.address.master),
      afn: answer.afn,
      ...(request.timeTag === undefined ? {} : { timeTag: request.timeTag }),
    };
    // ACD and EC while it has important events unread: computed after the answer (a 0E read clears it).
    const counters = this.concentrator.pendingEventCounters;
    const withCounters = counters === undefined ? base : { ...base, eventCounters: counters };
    const encode = (units: readonly q1376.DataUnit[], first: boolean, final: boolean, number: number) =>
      q1376.encodeMessage({ ...withCounters, sequence: { first, final, confirm: false, number }, units });
    const rseq = request.sequence.number;
    const whole = encode(answer.units, true, true, rseq);
    if (whole.length <= this.options.maxFrameBytes || answer.units.length <= 1) return [whole];
    // Pack units greedily; each frame's length is checked by encoding it.
    const groups: q1376.DataUnit[][] = [];
    let current: q1376.DataUnit[] = [];
    for (const unit of answer.units) {
      const trial = [...current, unit];
      if (current.length > 0 && encode(trial, false, false, 0).length > this.options.maxFrameBytes) {
        groups.push(current);
        current = [unit];
      } else current = trial;
    }
    if (current.length > 0) groups.push(current);
    return groups.map((units, i) => encode(units, i === 0, i === groups.length - 1, (rseq + i) % 16));
  }
}
