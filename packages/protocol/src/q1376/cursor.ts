// A read cursor over a frame's data units and a growing write buffer: each function's codec reads and
// writes its fields through them, so a short field is one typed error in one place.
import { ProtocolError } from '../errors.ts';

export class ByteReader {
  readonly bytes: Uint8Array;
  readonly end: number;
  offset: number;

  constructor(bytes: Uint8Array, offset: number, end: number) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  /** Claims the next `count` bytes; returns where they start. */
  take(count: number, what: string): number {
    if (this.end - this.offset < count) {
      throw new ProtocolError(
        'bad-data',
        `${what} needs ${count} byte(s), only ${Math.max(0, this.end - this.offset)} left in the data unit`,
      );
    }
    const at = this.offset;
    this.offset += count;
    return at;
  }

  u8(what: string): number {
    return this.bytes[this.take(1, what)] as number;
  }

  u16(what: string): number {
    const at = this.take(2, what);
    return (this.bytes[at] as number) | ((this.bytes[at + 1] as number) << 8);
  }

  slice(count: number, what: string): Uint8Array {
    const at = this.take(count, what);
    return this.bytes.slice(at, at + count);
  }
}

export class ByteWriter {
  private buffer = new Uint8Array(64);
  length = 0;

  /** Makes room for `count` bytes; returns where they start. */
  claim(count: number): number {
    if (this.length + count > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    const at = this.length;
    this.length += count;
    return at;
  }

  /** The buffer claim() wrote into; valid until the next claim. */
  get target(): Uint8Array {
    return this.buffer;
  }

  u8(value: number, what: string): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new ProtocolError('bad-value', `${what} ${value} is not 0–255`);
    }
    const at = this.claim(1);
    this.buffer[at] = value;
  }

  u16(value: number, what: string): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw new ProtocolError('bad-value', `${what} ${value} is not 0–65535`);
    }
    const at = this.claim(2);
    this.buffer[at] = value & 0xff;
    this.buffer[at + 1] = value >> 8;
  }

  bytes(value: Uint8Array): void {
    const at = this.claim(value.length);
    this.buffer.set(value, at);
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
