// @openami/protocol: meter protocols as pure codecs. DL/T 645-2007 and -1997, and Q/GDW 1376.1 (q1376).

export { decodeBcd, decodeSignedBcd, isNotAvailable, writeBcd } from './bcd.ts';
export { concatBytes, reversedBytes } from './bytes.ts';
export * from './dlt645/address.ts';
export * from './dlt645/calendar.ts';
export * from './dlt645/catalog.ts';
export * from './dlt645/catalog-types.ts';
export * from './dlt645/constants.ts';
export * from './dlt645/control.ts';
export * from './dlt645/deframer.ts';
export * from './dlt645/error-word.ts';
export {
  baudFromWord,
  baudWord,
  parseDi,
  readDi2,
  readDi4,
  SUPPORTED_BAUD_RATES,
  writeDi2,
  writeDi4,
} from './dlt645/fields.ts';
export * from './dlt645/formats.ts';
export * from './dlt645/frame.ts';
export * from './dlt645/functions-1997.ts';
export * from './dlt645/functions-2007.ts';
export * from './dlt645/item-groups.ts';
export * from './dlt645/load-records.ts';
export * from './dlt645/message.ts';
export * from './dlt645/messages-2007.ts';
export * from './dlt645/security-2007.ts';
export * from './dlt645/soft-esam.ts';
export * from './dlt645/timing.ts';
export { decodeValue, encodeValue } from './dlt645/value-codec.ts';
export { isProtocolError, ProtocolError, type ProtocolErrorCode } from './errors.ts';
export { byteHex, fromHex, toHex } from './hex.ts';
// Q/GDW 1376.1 (master station ↔ concentrator) as one namespace: q1376.decodeMessage, q1376.Deframer, …
export * as q1376 from './q1376/index.ts';
