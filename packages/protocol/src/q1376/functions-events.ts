// AFN 0E 请求 3 类数据 (§5.14): F1 重要事件, F2 一般事件. The request names a range of the terminal's event
// ring (Pm ≤ i < Pn, wrapping at 256); the answer carries the current counter, the range and its records.
import { ProtocolError } from '../errors.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';
import { type EventRecord, readEventRecord, writeEventRecord } from './events.ts';
import type { UnitCodec, UnitHeader } from './unit.ts';

/** 0E F1/F2 downward: records Pm up to (not including) Pn. */
export interface EventsQuery extends UnitHeader {
  readonly kind: 'events-query';
  readonly from: number;
  readonly to: number;
}

/** 0E F1/F2 upward. */
export interface Events extends UnitHeader {
  readonly kind: 'events';
  /** EC1 (F1) or EC2 (F2): the terminal's event counter now. */
  readonly counter: number;
  readonly from: number;
  readonly to: number;
  readonly records: readonly EventRecord[];
}

export type EventUnit = EventsQuery | Events;

/** How many records the range Pm–Pn holds (the ring wraps at 256). */
export function recordCount(from: number, to: number): number {
  return (to - from + 256) % 256;
}

export const eventsQueryCodec: UnitCodec<EventsQuery> = {
  kind: 'events-query',
  decode: (reader: ByteReader, point: number, fn: number) => ({
    kind: 'events-query',
    point,
    fn,
    from: reader.u8('Pm'),
    to: reader.u8('Pn'),
  }),
  encode(writer: ByteWriter, unit: EventsQuery): void {
    writer.u8(unit.from, 'Pm');
    writer.u8(unit.to, 'Pn');
  },
};

export const eventsCodec: UnitCodec<Events> = {
  kind: 'events',
  decode(reader: ByteReader, point: number, fn: number): Events {
    const counter = reader.u8('the event counter');
    const from = reader.u8('Pm');
    const to = reader.u8('Pn');
    const records: EventRecord[] = [];
    for (let i = recordCount(from, to); i > 0; i--) records.push(readEventRecord(reader));
    return { kind: 'events', point, fn, counter, from, to, records };
  },
  encode(writer: ByteWriter, unit: Events): void {
    if (unit.records.length !== recordCount(unit.from, unit.to)) {
      throw new ProtocolError(
        'bad-value',
        `Pm ${unit.from} to Pn ${unit.to} is ${recordCount(unit.from, unit.to)} records, ${unit.records.length} given`,
      );
    }
    writer.u8(unit.counter, 'event counter');
    writer.u8(unit.from, 'Pm');
    writer.u8(unit.to, 'Pn');
    for (const record of unit.records) writeEventRecord(writer, record);
  },
};
