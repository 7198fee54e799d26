// The meter's side of the RS-485 link: a whole request frame in, the bytes of its reply out (or nothing).
// A meter answers only frames of its own edition addressed to it (§5.2.2, wildcard digits allowed) and
// never a broadcast. A frame it cannot parse is ignored, as a meter ignores line noise.
import {
  addressMatches,
  type DecodedFrame,
  encodeFrame,
  frameEdition,
  parseRequest1997,
  parseRequest2007,
  type Response1997,
  responseFrame1997,
  responseFrame2007,
} from '@openami/protocol';
import type { SimMeter } from './meter.ts';
import { respond1997 } from './respond-1997.ts';
import { respond2007 } from './respond-2007.ts';

export interface MeterReply {
  /** The frame, without wake-up bytes (the bus adds the meter's 0-4 FEH). */
  readonly frame: Uint8Array;
}

/** Whether a frame is addressed to this meter at all (broadcast included). */
export function isAddressedTo(meter: SimMeter, frame: DecodedFrame): boolean {
  return addressMatches(frame.address, meter.address);
}

const lastResponses = new WeakMap<SimMeter, Response1997>();

export function meterAnswer(meter: SimMeter, frame: DecodedFrame, simMs: number): MeterReply | undefined {
  if (meter.poweredDown || frame.control.direction !== 'request') return undefined;
  if (!isAddressedTo(meter, frame)) return undefined;
  const edition = frameEdition(frame, meter.config.edition);
  if (edition !== meter.config.edition) return undefined;
  try {
    if (edition === '2007') {
      const response = respond2007(meter, parseRequest2007(frame), frame.address, simMs);
      return response === undefined
        ? undefined
        : { frame: encodeFrame(responseFrame2007(response), { wakeUp: 0 }) };
    }
    const response = respond1997(
      meter,
      parseRequest1997(frame),
      frame.address,
      simMs,
      lastResponses.get(meter),
    );
    if (response === undefined) return undefined;
    lastResponses.set(meter, response);
    return { frame: encodeFrame(responseFrame1997(response), { wakeUp: 0, edition: '1997' }) };
  } catch {
    // A request the meter cannot make sense of (bad layout, bad BCD): real meters stay silent.
    return undefined;
  }
}
