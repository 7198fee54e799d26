/**
 * Every failure the codec reports, as a closed set of stable codes. Callers compare `code`, never the message.
 * The message is English and meant for logs; user-facing text is the server's job.
 */
export type ProtocolErrorCode =
  /** A frame ended before its declared length. */
  | 'truncated'
  /** The byte where a frame must start (68H) or re-start (second 68H) holds something else. */
  | 'bad-start'
  /** The checksum byte does not equal the modulo-256 sum. */
  | 'bad-checksum'
  /** The byte after the checksum is not 16H. */
  | 'bad-end'
  /** A length field disagrees with the data, or data is longer than the edition allows. */
  | 'bad-length'
  /** A meter address is not 12 digits (0-9, or A as a wildcard). */
  | 'bad-address'
  /** A byte that must be BCD holds a nibble above 9. */
  | 'bad-bcd'
  /**
   * A date or time no calendar has (month 13, 30 February, hour 25, weekday 7): read from a meter, its clock
   * is broken; given to send, the caller's mistake. DL/T 645-2007 Annex A date and time formats.
   */
  | 'bad-date-time'
  /** A value cannot be represented in its data format (out of range, wrong type, too many digits). */
  | 'bad-value'
  /** The control code or function is not one this edition defines, or not the one expected. */
  | 'bad-function'
  /** The data field does not have the layout the function requires. */
  | 'bad-data';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}
