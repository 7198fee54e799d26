// Timing rules of the serial link. A head-end sizes its timeouts from these rather than from a fixed
// number; the simulator paces its bytes by them.

/** 字节格式, §5.1: one start bit, eight data bits, an even parity bit and one stop bit. */
export const BITS_PER_CHARACTER = 11;
/** 传输响应, §5.3.3: a meter answers no sooner than 20 ms … */
export const RESPONSE_DELAY_MIN_MS = 20;
/** … and no later than 500 ms after the last byte of a request. */
export const RESPONSE_DELAY_MAX_MS = 500;
/** §5.3.3: the pause between two bytes of one frame may reach 500 ms. */
export const MAX_INTER_BYTE_GAP_MS = 500;
/** Default rates: 2400 baud for 2007 meters, 1200 for 1997 meters (§4). */
export const DEFAULT_BAUD = { '2007': 2400, '1997': 1200 } as const;

/** Milliseconds one character occupies on the wire at `baud`. */
export function characterTimeMs(baud: number): number {
  return (BITS_PER_CHARACTER * 1000) / baud;
}

/** Milliseconds `byteCount` characters occupy on the wire at `baud`, sent back to back. */
export function wireTimeMs(byteCount: number, baud: number): number {
  return byteCount * characterTimeMs(baud);
}
