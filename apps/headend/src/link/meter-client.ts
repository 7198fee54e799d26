// Reading a meter over a bus: one item (following up multi-frame replies), with bounded retries for what a
// retry can cure (a lost, late or damaged reply) and none for what it cannot (the meter said no, the link is
// down). Every result says how many attempts it took.
import {
  type DecodedFrame,
  type DecodedItem,
  decodeItem,
  type Edition,
  ERROR_REASON_TEXT,
  type ErrorReason,
  type Frame,
  formatDi,
  isProtocolError,
  parseResponse1997,
  parseResponse2007,
  type Request2007,
  type Response2007,
  requestFrame1997,
  requestFrame2007,
} from '@openami/protocol';
import { plainReason } from '../reasons.ts';
import type { FrameExchanger, Priority } from './bus.ts';
import { ExchangeError, type ExchangeFailure } from './exchange-error.ts';

export interface MeterTarget {
  readonly address: string;
  readonly edition: Edition;
}

export interface ReadResult {
  readonly item: DecodedItem;
  readonly attempts: number;
  readonly elapsedMs: number;
}

export interface MeterClientOptions {
  /** Attempts for one exchange, the first included. */
  readonly attempts?: number;
}

const RETRYABLE: ReadonlySet<ExchangeFailure> = new Set(['timeout', 'bad-frame', 'out-of-sync']);
/** A reply of more than this many follow-up frames is not a meter talking sense. */
const MAX_FOLLOW_UPS = 32;

export class MeterClient {
  private readonly bus: FrameExchanger;
  private readonly attempts: number;

  constructor(bus: FrameExchanger, options: MeterClientOptions = {}) {
    this.bus = bus;
    this.attempts = options.attempts ?? 3;
  }

  /** Reads one data item (all its follow-up frames too) and decodes it with the catalog. */
  async read(target: MeterTarget, di: number, priority: Priority = 'scheduled'): Promise<ReadResult> {
    const started = performance.now();
    let attempts = 0;
    const first = await this.retrying(
      () => this.send(target, readRequest(target, di), priority),
      (n) => (attempts += n),
    );
    let reply = dataOf(target, first, di);
    const parts = [reply.data];
    for (let seq = 1; reply.followUp; seq++) {
      if (seq > MAX_FOLLOW_UPS)
        throw new ExchangeError(
          'out-of-sync',
          `more than ${MAX_FOLLOW_UPS} follow-up frames for ${formatDi(target.edition, di)}`,
          plainReason('out-of-sync'),
        );
      const next = await this.retrying(
        () => this.send(target, followUpRequest(target, di, seq), priority),
        (n) => (attempts += n),
      );
      reply = dataOf(target, next, di);
      parts.push(reply.data);
    }
    const item = asExchangeError(() => decodeItem(target.edition, di, Buffer.concat(parts)));
    return { item, attempts, elapsedMs: performance.now() - started };
  }

  /**
   * Sends one DL/T 645-2007 request once, without retrying (a command's retry must first check whether the
   * command took effect), and returns the meter's parsed answer; an abnormal answer is a device error.
   */
  async sendOnce(
    address: string,
    request: Request2007,
    priority: Priority = 'operator',
  ): Promise<Response2007> {
    const target: MeterTarget = { address, edition: '2007' };
    const frame = await this.send(target, requestFrame2007(request), priority);
    const response = asExchangeError(() => parseResponse2007(frame));
    if (response.kind === 'abnormal') {
      const reasons = response.reasons.map((reason: ErrorReason) => ERROR_REASON_TEXT[reason].en);
      throw new ExchangeError(
        'device-error',
        `meter ${address} refused ${request.kind}: ${reasons.join(', ') || 'no reason given'}`,
        { code: 'meter-refused', params: { request: request.kind, errors: response.reasons } },
        response.reasons,
      );
    }
    return response;
  }

  private async send(target: MeterTarget, frame: Frame, priority: Priority): Promise<DecodedFrame> {
    const reply = await this.bus.exchange({ frame, edition: target.edition, priority });
    if (reply.frame === undefined)
      throw new ExchangeError('out-of-sync', 'a read got no reply frame', plainReason('out-of-sync'));
    return reply.frame;
  }

  private async retrying<T>(action: () => Promise<T>, count: (attempts: number) => void): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      count(1);
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        if (!RETRYABLE.has(error.reason) || attempt >= this.attempts) {
          throw new ExchangeError(error.reason, error.message, error.why, error.deviceReasons, attempt);
        }
      }
    }
  }
}

function readRequest(target: MeterTarget, di: number): Frame {
  return target.edition === '2007'
    ? requestFrame2007({ kind: 'read-data', address: target.address, di })
    : requestFrame1997({ kind: 'read-data', address: target.address, di });
}

function followUpRequest(target: MeterTarget, di: number, seq: number): Frame {
  return target.edition === '2007'
    ? requestFrame2007({ kind: 'read-follow-up', address: target.address, di, seq })
    : requestFrame1997({ kind: 'read-follow-up', address: target.address, di });
}

/** The data of a read reply, or the meter's refusal as a device error. */
function dataOf(
  target: MeterTarget,
  frame: DecodedFrame,
  di: number,
): { data: Uint8Array; followUp: boolean } {
  const response = asExchangeError(() =>
    target.edition === '2007' ? parseResponse2007(frame) : parseResponse1997(frame),
  );
  if (response.kind === 'abnormal') {
    const reasons = response.reasons.map((reason: ErrorReason) => ERROR_REASON_TEXT[reason].en);
    throw new ExchangeError(
      'device-error',
      `meter ${target.address} refused ${formatDi(target.edition, di)}: ${reasons.join(', ') || 'no reason given'}`,
      { code: 'item-refused', params: { item: formatDi(target.edition, di), errors: response.reasons } },
      response.reasons,
    );
  }
  if (!('di' in response) || response.di !== di) {
    throw new ExchangeError(
      'out-of-sync',
      `meter ${target.address} answered about another identifier`,
      plainReason('out-of-sync'),
    );
  }
  return { data: response.data, followUp: response.followUp };
}

/** A well-framed reply whose content does not parse is a damaged reply, as far as retries go. */
function asExchangeError<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (isProtocolError(error))
      throw new ExchangeError(
        'bad-frame',
        `malformed reply: ${error.message}`,
        error.code === 'bad-checksum'
          ? plainReason('checksum')
          : { code: 'bad-frame', params: { problem: error.code } },
      );
    throw error;
  }
}
