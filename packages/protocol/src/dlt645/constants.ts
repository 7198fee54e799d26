// Wire constants of DL/T 645, named as the standard names them. Clause numbers are those of DL/T 645-2007
// (4 physical layer, 5 data link layer, 6 data identifiers, 7 application layer, Annex A identifier tables);
// the 1997 edition's frame is the same, its differences are noted where they apply.

/** 帧起始符 (frame start), §5.2.1; also the second start byte after the address. */
export const FRAME_START = 0x68;
/** 结束符 (frame end), §5.2.7. */
export const FRAME_END = 0x16;
/** 前导字节 (wake-up preamble), §5.3.1: sent before a frame, not part of it nor of its checksum. */
export const WAKE_UP = 0xfe;
/** The master sends four wake-up bytes (§5.3.1); meters answer with zero to four. */
export const DEFAULT_WAKE_UP_COUNT = 4;
/** 数据域 (data field) scrambling, §5.2.5: +33H on sending, −33H on receiving, every function. */
export const DATA_OFFSET = 0x33;

/** Bytes of a frame around its data: 68 A0..A5 68 C L … CS 16. */
export const FRAME_OVERHEAD = 12;
/** Offset of the length byte L inside a frame (from the first 68H). */
export const LENGTH_OFFSET = 9;
/** Offset of the control code C inside a frame. */
export const CONTROL_OFFSET = 8;
/** Offset of the first data byte inside a frame. */
export const DATA_OFFSET_IN_FRAME = 10;
/** The largest length byte: L is one byte. */
export const MAX_LENGTH_BYTE = 255;
/** The longest frame a receiver ever has to hold. */
export const MAX_FRAME_LENGTH = FRAME_OVERHEAD + MAX_LENGTH_BYTE;

export type Edition = '2007' | '1997';

/**
 * 数据域长度 L (§5.2.4): "读数据时 L≤200，写数据时 L≤50" in both editions. Replies to reads may carry up to
 * 200 bytes; any frame the master writes to a meter carries at most 50 (write, password change, control).
 */
export const DATA_LENGTH_LIMITS: Readonly<
  Record<Edition, { readonly read: number; readonly write: number }>
> = {
  '2007': { read: 200, write: 50 },
  '1997': { read: 200, write: 50 },
};

/** 广播地址 (broadcast address), §5.2.2: only broadcast time sync and freeze use it; nobody answers. */
export const BROADCAST_ADDRESS = '999999999999';
/** 通配地址: AAH in every byte addresses whichever single meter is on the bus (read / write address). */
export const WILDCARD_ADDRESS = 'AAAAAAAAAAAA';
