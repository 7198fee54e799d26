// What a meter answers to a read of 负荷记录 (DL/T 645-2007 Table A.7, 06 DI2 00 DI0): the earliest N blocks,
// N blocks from a given time, or the latest block, of every class (DI2 00) or one (DI2 01-06). The blocks go
// whole into frames of at most 200 data bytes (§5.2); what does not fit waits for 读后续数据 (§7.2).
import {
  DATA_LENGTH_LIMITS,
  encodeLoadRecord,
  type LoadRecordSelector,
  type MeterDateTime,
} from '@openami/protocol';
import { fromMeterDateTime, MINUTE_MS, toMeterDateTime } from '../time/local-time.ts';
import type { SimMeter } from './meter.ts';

const ALL_CLASSES = 0x3f;
/** The identifier takes 4 bytes of every frame, the SEQ one more of a follow-up frame. */
const FIRST_FRAME_ROOM = DATA_LENGTH_LIMITS['2007'].read - 4;
const FOLLOW_UP_ROOM = DATA_LENGTH_LIMITS['2007'].read - 5;

export interface LoadRecordQuery {
  readonly loadClass: number;
  readonly selector: LoadRecordSelector;
  /** NN of the request; a request without it asks for one block. */
  readonly blockCount: number | undefined;
  readonly from: MeterDateTime | undefined;
}

/** The data of each frame of the reply (after the identifier), or undefined when no block matches. */
export function loadRecordFrames(meter: SimMeter, query: LoadRecordQuery): Uint8Array[] | undefined {
  const records = meter.loadRecords;
  const offset = meter.config.utcOffsetMinutes;
  const classMask = query.loadClass === 0 ? ALL_CLASSES : 1 << (query.loadClass - 1);
  let chosen = records.indexes(classMask);
  const wanted = Math.max(1, query.blockCount ?? 1);
  switch (query.selector) {
    case 'earliest':
      chosen = chosen.slice(0, wanted);
      break;
    case 'latest':
      chosen = chosen.slice(-1);
      break;
    case 'from-time': {
      if (query.from === undefined) return undefined;
      const fromMinute = Math.floor(fromMeterDateTime(query.from, offset) / MINUTE_MS);
      chosen = chosen.filter((n) => records.minuteAt(n) >= fromMinute).slice(0, wanted);
      break;
    }
  }
  if (chosen.length === 0) return undefined;
  const blocks = chosen.map((n) => {
    const { year, month, day, hour, minute } = toMeterDateTime(records.minuteAt(n) * MINUTE_MS, offset);
    return encodeLoadRecord(records.block(n, classMask, { year, month, day, hour, minute }));
  });
  return intoFrames(blocks);
}

function intoFrames(blocks: readonly Uint8Array[]): Uint8Array[] {
  const frames: Uint8Array[][] = [[]];
  let room = FIRST_FRAME_ROOM;
  for (const block of blocks) {
    if (block.length > room) {
      frames.push([]);
      room = FOLLOW_UP_ROOM;
    }
    (frames[frames.length - 1] as Uint8Array[]).push(block);
    room -= block.length;
  }
  return frames.map((parts) => {
    const data = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return data;
  });
}
