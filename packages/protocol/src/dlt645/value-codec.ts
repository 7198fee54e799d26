// Reads and writes an item's value in its format (formats.ts): load records by their block codec
// (load-records.ts), every other format field by field (field-codec.ts), which the blocks are built of too.

import { ProtocolError } from '../errors.ts';
import { decodeField, encodeField } from './field-codec.ts';
import type { DataFormat, DataValue } from './formats.ts';
import { decodeLoadRecords, encodeLoadRecords, type LoadRecord } from './load-records.ts';

/** Decodes `length` bytes at `offset` (transmission order, after −33H) as `format`. */
export function decodeValue(
  format: DataFormat,
  bytes: Uint8Array,
  offset: number,
  length: number,
): DataValue {
  if (format.type === 'load-records') return decodeLoadRecords(bytes, offset, length);
  return decodeField(format, bytes, offset, length);
}

/** Encodes a value as `format` (transmission order, before +33H). */
export function encodeValue(format: DataFormat, value: DataValue): Uint8Array {
  if (format.type !== 'load-records') return encodeField(format, value);
  if (!Array.isArray(value)) throw new ProtocolError('bad-value', 'load records need a list of blocks');
  return encodeLoadRecords(value as unknown as readonly LoadRecord[]);
}
