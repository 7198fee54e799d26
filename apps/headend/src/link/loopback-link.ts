// A link to meters that live in this process: each request's bytes go to a responder and its reply's bytes
// are taken apart as if they had come off the bus. The demo builds its history this way, from simulated
// meters and without the wire's timing; everything above the link (reading, decoding, validation, storage)
// is what runs in the field.
import { decodeFrame, encodeFrame, isBroadcastAddress, ProtocolError } from '@openami/protocol';
import { plainReason } from '../reasons.ts';
import { answers, type ExchangeReply, type ExchangeRequest, type FrameExchanger } from './bus.ts';
import { ExchangeError } from './exchange-error.ts';

/** A request frame's bytes in; the reply's bytes out, or undefined when nobody answers. */
export type FrameResponder = (request: Uint8Array) => Uint8Array | undefined;

export class LoopbackLink implements FrameExchanger {
  readonly label: string;
  private readonly respond: FrameResponder;

  constructor(label: string, respond: FrameResponder) {
    this.label = label;
    this.respond = respond;
  }

  async exchange(request: ExchangeRequest): Promise<ExchangeReply> {
    const started = performance.now();
    const reply = this.respond(encodeFrame(request.frame, { wakeUp: 0, edition: request.edition }));
    if (isBroadcastAddress(request.frame.address)) return { frame: undefined, elapsedMs: 0 };
    if (reply === undefined)
      throw new ExchangeError(
        'timeout',
        `no reply from ${request.frame.address} on ${this.label}`,
        plainReason('timeout'),
      );
    let frame: ReturnType<typeof decodeFrame>;
    try {
      frame = decodeFrame(reply);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      throw new ExchangeError(
        'bad-frame',
        `damaged reply from ${request.frame.address}: ${error.message}`,
        error.code === 'bad-checksum'
          ? plainReason('checksum')
          : { code: 'bad-frame', params: { problem: error.code } },
      );
    }
    if (!answers(request.frame, frame))
      throw new ExchangeError(
        'out-of-sync',
        `a frame from ${frame.address} does not answer the request`,
        plainReason('out-of-sync'),
      );
    return { frame, elapsedMs: performance.now() - started };
  }
}
