import type { Reason } from '../reasons.ts';

/**
 * Why an exchange with a meter failed: a closed set, so that run reports, retries and alarms can count them.
 * - `timeout`: nothing (or nothing usable) came back in the time the wire and the standard allow;
 * - `offline`: the link to the terminal is down;
 * - `bad-frame`: a reply arrived damaged (checksum, end byte, cut short): usually a collision or line noise;
 * - `out-of-sync`: a well-formed frame arrived that does not answer the request (another meter, another function);
 * - `device-error`: the meter answered with an abnormal reply (its error word says why);
 * - `cancelled`: the exchange was withdrawn before it ran (shutdown, link closed by us).
 */
export type ExchangeFailure =
  | 'timeout'
  | 'offline'
  | 'bad-frame'
  | 'out-of-sync'
  | 'device-error'
  | 'cancelled';

export class ExchangeError extends Error {
  override readonly name = 'ExchangeError';
  readonly reason: ExchangeFailure;
  /** Why, as a code and parameters for people (the message is English, for logs). */
  readonly why: Reason;
  /** For `device-error`: the reasons the meter's error word names. */
  readonly deviceReasons: readonly string[];
  /** How many times the request was sent before giving up. */
  readonly attempts: number;

  constructor(
    reason: ExchangeFailure,
    message: string,
    why: Reason,
    deviceReasons: readonly string[] = [],
    attempts = 1,
  ) {
    super(message);
    this.reason = reason;
    this.why = why;
    this.deviceReasons = deviceReasons;
    this.attempts = attempts;
  }
}
