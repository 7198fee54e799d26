// One call from bytes to meaning: the frame, its edition, the request or response, and for a read reply
// the item's decoded value. This is what tools and logs want; the head-end uses the pieces directly.
import { type DecodedItem, decodeItem } from './catalog.ts';
import type { Edition } from './constants.ts';
import { editionOfFunction } from './control.ts';
import { type DecodedFrame, decodeFrame } from './frame.ts';
import {
  parseRequest1997,
  parseResponse1997,
  type Request1997,
  type Response1997,
} from './functions-1997.ts';
import { parseRequest2007, parseResponse2007 } from './functions-2007.ts';
import type { Request2007, Response2007 } from './messages-2007.ts';

export type Dlt645Message =
  | { readonly edition: '2007'; readonly direction: 'request'; readonly request: Request2007 }
  | { readonly edition: '2007'; readonly direction: 'response'; readonly response: Response2007 }
  | { readonly edition: '1997'; readonly direction: 'request'; readonly request: Request1997 }
  | { readonly edition: '1997'; readonly direction: 'response'; readonly response: Response1997 };

export interface DecodedMessage {
  readonly frame: DecodedFrame;
  readonly message: Dlt645Message;
  /** For a read reply: the item the data holds, decoded by the catalog. */
  readonly item?: DecodedItem;
}

/**
 * The edition of a frame from its function code; the codes of the two editions differ except for broadcast
 * time sync, whose layout is the same in both (so `fallback` decides only that case).
 */
export function frameEdition(frame: DecodedFrame, fallback: Edition = '2007'): Edition {
  return editionOfFunction(frame.control.functionCode) ?? fallback;
}

/** Parses an already decoded frame into its message (and item, for read replies). */
export function interpretFrame(frame: DecodedFrame, fallbackEdition: Edition = '2007'): DecodedMessage {
  const edition = frameEdition(frame, fallbackEdition);
  const isRequest = frame.control.direction === 'request';
  let message: Dlt645Message;
  if (edition === '2007') {
    message = isRequest
      ? { edition, direction: 'request', request: parseRequest2007(frame) }
      : { edition, direction: 'response', response: parseResponse2007(frame) };
  } else {
    message = isRequest
      ? { edition, direction: 'request', request: parseRequest1997(frame) }
      : { edition, direction: 'response', response: parseResponse1997(frame) };
  }
  if (message.direction === 'response') {
    const response = message.response;
    if ('data' in response && 'di' in response) {
      return { frame, message, item: decodeItem(edition, response.di, response.data) };
    }
  }
  return { frame, message };
}

/** Decodes one frame's bytes all the way to its meaning. Throws ProtocolError on anything malformed. */
export function decodeMessage(bytes: Uint8Array, fallbackEdition: Edition = '2007'): DecodedMessage {
  return interpretFrame(decodeFrame(bytes), fallbackEdition);
}
