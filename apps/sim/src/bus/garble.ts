// What the head-end receives when the line is disturbed: a corrupted byte from noise, or garbage when two
// transmitters drive the half-duplex RS-485 pair at once.
import type { Random } from '../random.ts';

/** One bit of one byte flipped somewhere after the wake-up bytes: the checksum will not match. */
export function corruptOneByte(bytes: Uint8Array, firstFrameByte: number, random: Random): Uint8Array {
  const copy = bytes.slice();
  const at = random.int(firstFrameByte, copy.length - 1);
  copy[at] = (copy[at] as number) ^ (1 << random.int(0, 7));
  return copy;
}

/** Two signals on one pair: every character comes out mangled. */
export function collide(bytes: Uint8Array, random: Random): Uint8Array {
  const copy = bytes.slice();
  for (let i = 0; i < copy.length; i++) copy[i] = (copy[i] as number) ^ random.int(1, 255);
  return copy;
}
