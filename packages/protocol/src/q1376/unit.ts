// What every decoded data unit shares, and the codec each function provides (message.ts keeps the table).
import type { ByteReader, ByteWriter } from './cursor.ts';

/** Where a data unit belongs: its measuring point (0 = the terminal, p0) and its function Fn. */
export interface UnitHeader {
  readonly point: number;
  readonly fn: number;
}

/** A request that carries nothing but its DA and DT (read the clock, read the current energies …). */
export interface Query extends UnitHeader {
  readonly kind: 'query';
}

/** A function we do not know: its bytes, to the end of the frame's data units (their length is unknown). */
export interface UnknownUnit extends UnitHeader {
  readonly kind: 'unknown';
  readonly raw: Uint8Array;
}

export interface UnitCodec<U extends UnitHeader & { readonly kind: string }> {
  readonly kind: U['kind'];
  decode(reader: ByteReader, point: number, fn: number): U;
  encode(writer: ByteWriter, unit: U): void;
}

export const queryCodec: UnitCodec<Query> = {
  kind: 'query',
  decode: (_reader, point, fn) => ({ kind: 'query', point, fn }),
  encode: () => {},
};

/** A codec for a unit with no data of its own (login, confirm, allow close …). */
export function emptyCodec<K extends string>(kind: K): UnitCodec<UnitHeader & { readonly kind: K }> {
  return {
    kind,
    decode: (_reader, point, fn) => ({ kind, point, fn }),
    encode: () => {},
  };
}
