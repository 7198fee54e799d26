// One RS-485 bus behind one channel. The bus is half-duplex and has one master: the scheduler never lets two
// exchanges overlap, keeps a gap between them, and sizes each timeout from the wire time of the request and
// of the longest reply at the port's baud plus the standard's response delay (DL/T 645-2007 §5.3.3).
import {
  addressMatches,
  characterTimeMs,
  DEFAULT_WAKE_UP_COUNT,
  type DecodedFrame,
  Deframer,
  type DeframerEvent,
  type Edition,
  encodeFrame,
  FRAME_OVERHEAD,
  type Frame,
  isBroadcastAddress,
  RESPONSE_DELAY_MAX_MS,
  wireTimeMs,
} from '@openami/protocol';
import { plainReason } from '../reasons.ts';
import type { ByteChannel } from './channel.ts';
import { ExchangeError } from './exchange-error.ts';

export interface BusSettings {
  readonly baud: number;
  /** How long a meter may take to start answering: the standard's 500 ms unless a site knows better. */
  readonly responseDelayBudgetMs?: number;
  /** Network and serial-server packing latency added to every timeout (TCP, GPRS). */
  readonly linkLatencyMs?: number;
  /** Quiet time between the end of one exchange and the next request; one character time by default. */
  readonly interFrameGapMs?: number;
  /** After a broadcast nobody answers, but meters may be busy for up to 500 ms. */
  readonly postBroadcastQuietMs?: number;
  /** FEH bytes before each request. */
  readonly wakeUp?: number;
}

export type Priority = 'operator' | 'scheduled';

/** What a meter client needs of a link: one exchange at a time, answered or failed with an ExchangeError. */
export interface FrameExchanger {
  exchange(request: ExchangeRequest): Promise<ExchangeReply>;
}

export interface ExchangeRequest {
  readonly frame: Frame;
  readonly edition: Edition;
  /** The longest data field the reply can carry; sizes the timeout. Defaults to the edition's read limit. */
  readonly maxReplyDataLength?: number;
  /** Operators' reads and commands go ahead of scheduled work. */
  readonly priority?: Priority;
}

export interface ExchangeReply {
  /** The meter's reply; undefined for a broadcast, which nobody answers. */
  readonly frame: DecodedFrame | undefined;
  /** From the first request byte written to the reply's last byte received. */
  readonly elapsedMs: number;
}

interface Pending {
  readonly request: ExchangeRequest;
  readonly resolve: (reply: ExchangeReply) => void;
  readonly reject: (error: ExchangeError) => void;
}

const MAX_READ_REPLY = 200;

export class Bus {
  private readonly settings: Required<BusSettings>;
  private readonly deframer = new Deframer();
  private readonly operatorQueue: Pending[] = [];
  private readonly scheduledQueue: Pending[] = [];
  private running = false;
  private closed = false;
  /** The exchange waiting for its reply, fed by the channel's data. */
  private awaiting: ((event: 'data' | 'down', detail?: string) => void) | undefined;
  /** Frames and errors received since the awaiting exchange last looked. */
  private readonly pendingEvents: DeframerEvent[] = [];
  private readonly channel: ByteChannel;
  /** Milliseconds the bus has been held (exchanges and the quiet after each), and exchanges run. */
  private heldMs = 0;
  private exchangesRun = 0;

  constructor(channel: ByteChannel, settings: BusSettings) {
    this.channel = channel;
    this.settings = {
      responseDelayBudgetMs: RESPONSE_DELAY_MAX_MS,
      linkLatencyMs: 150,
      // Long enough for every transceiver on the bus to have turned round, short enough to cost little.
      interFrameGapMs: Math.max(2, characterTimeMs(settings.baud)),
      postBroadcastQuietMs: 500,
      wakeUp: DEFAULT_WAKE_UP_COUNT,
      ...settings,
    };
    channel.onData((chunk) => this.received(chunk));
    channel.onDown((reason) => this.awaiting?.('down', reason));
  }

  get label(): string {
    return this.channel.label;
  }

  /**
   * How much the bus has been used since it was opened: milliseconds held by an exchange or the quiet after
   * it (nothing else may talk meanwhile), and exchanges run. Their rate is the bus's utilisation.
   */
  get usage(): { readonly busyMs: number; readonly exchanges: number } {
    return { busyMs: this.heldMs, exchanges: this.exchangesRun };
  }

  /** Exchanges waiting to run, both priorities. */
  get queued(): number {
    return this.operatorQueue.length + this.scheduledQueue.length;
  }

  /** Milliseconds to wait for the reply to `request` before giving up. */
  timeoutMs(request: ExchangeRequest): number {
    const { baud, responseDelayBudgetMs, linkLatencyMs, wakeUp } = this.settings;
    const requestBytes = wakeUp + FRAME_OVERHEAD + request.frame.data.length;
    const replyBytes = 4 + FRAME_OVERHEAD + (request.maxReplyDataLength ?? MAX_READ_REPLY);
    return Math.ceil(wireTimeMs(requestBytes + replyBytes, baud) + responseDelayBudgetMs + linkLatencyMs);
  }

  /** Queues an exchange; resolves with the reply or rejects with an ExchangeError. */
  exchange(request: ExchangeRequest): Promise<ExchangeReply> {
    if (this.closed)
      return Promise.reject(
        new ExchangeError('cancelled', `${this.label} is closed`, plainReason('cancelled')),
      );
    return new Promise((resolve, reject) => {
      const queue = request.priority === 'operator' ? this.operatorQueue : this.scheduledQueue;
      queue.push({ request, resolve, reject });
      if (!this.running) void this.pump();
    });
  }

  /** Fails everything queued with `cancelled`; the exchange on the wire finishes. */
  close(): void {
    this.closed = true;
    for (const pending of [...this.operatorQueue.splice(0), ...this.scheduledQueue.splice(0)]) {
      pending.reject(new ExchangeError('cancelled', `${this.label} was closed`, plainReason('cancelled')));
    }
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const next = this.operatorQueue.shift() ?? this.scheduledQueue.shift();
        if (next === undefined) return;
        let quietMs = this.settings.interFrameGapMs;
        const heldFrom = performance.now();
        try {
          const reply = await this.run(next.request);
          if (reply.frame === undefined) quietMs = this.settings.postBroadcastQuietMs;
          next.resolve(reply);
        } catch (error) {
          next.reject(
            error instanceof ExchangeError
              ? error
              : new ExchangeError('offline', String(error), plainReason('offline')),
          );
        }
        await sleep(quietMs);
        this.heldMs += performance.now() - heldFrom;
        this.exchangesRun += 1;
      }
    } finally {
      this.running = false;
    }
  }

  private run(request: ExchangeRequest): Promise<ExchangeReply> {
    if (!this.channel.isOpen) {
      return Promise.reject(new ExchangeError('offline', `${this.label} is down`, plainReason('offline')));
    }
    const bytes = encodeFrame(request.frame, { wakeUp: this.settings.wakeUp, edition: request.edition });
    // Whatever arrived between exchanges is stale: a late reply to an abandoned request, or noise.
    this.deframer.reset();
    const started = performance.now();
    const expectsReply = !isBroadcastAddress(request.frame.address);
    return new Promise<ExchangeReply>((resolve, reject) => {
      let mismatch: string | undefined;
      const finish = (outcome: ExchangeReply | ExchangeError) => {
        clearTimeout(timer);
        this.awaiting = undefined;
        if (outcome instanceof ExchangeError) reject(outcome);
        else resolve(outcome);
      };
      const timer = setTimeout(
        () =>
          finish(
            mismatch === undefined
              ? new ExchangeError(
                  'timeout',
                  `no reply from ${request.frame.address} within ${this.timeoutMs(request)} ms`,
                  plainReason('timeout'),
                )
              : new ExchangeError('out-of-sync', mismatch, plainReason('out-of-sync')),
          ),
        this.timeoutMs(request),
      );
      this.awaiting = (event, detail) => {
        if (event === 'down') {
          finish(new ExchangeError('offline', detail ?? `${this.label} went down`, plainReason('offline')));
          return;
        }
        for (const item of this.pendingEvents.splice(0)) {
          if (item.kind === 'error') {
            finish(
              new ExchangeError(
                'bad-frame',
                `damaged reply from ${request.frame.address}: ${item.error.message}`,
                item.error.code === 'bad-checksum'
                  ? plainReason('checksum')
                  : { code: 'bad-frame', params: { problem: item.error.code } },
              ),
            );
            return;
          }
          const frame = item.frame;
          if (answers(request.frame, frame)) {
            finish({ frame, elapsedMs: performance.now() - started });
            return;
          }
          mismatch = `a frame from ${frame.address} (function ${frame.control.functionCode.toString(16)}H) does not answer the request`;
        }
      };
      this.channel.write(bytes).then(
        () => {
          if (!expectsReply) finish({ frame: undefined, elapsedMs: performance.now() - started });
        },
        (error: unknown) =>
          finish(new ExchangeError('offline', `${this.label}: ${String(error)}`, plainReason('offline'))),
      );
    });
  }

  private received(chunk: Uint8Array): void {
    const events = this.deframer.push(chunk);
    if (this.awaiting === undefined) return;
    this.pendingEvents.push(...events);
    this.awaiting('data');
  }
}

/** Whether `reply` answers `request`: a response to the same function from the addressed meter. */
export function answers(request: Frame, reply: DecodedFrame): boolean {
  return (
    reply.control.direction === 'response' &&
    reply.control.functionCode === request.control.functionCode &&
    addressMatches(request.address, reply.address)
  );
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
