// AFN 05 控制命令 (§5.6): F1 遥控跳闸, F2 允许合闸, F29 允许终端主动上报, F31 对时命令, F49 命令指定通信端口暂停抄表.
import { ProtocolError } from '../errors.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';
import { type ClockTime, readFormat01, writeFormat01 } from './formats.ts';
import { emptyCodec, type UnitCodec, type UnitHeader } from './unit.ts';

/** F1, on the control round pn (1–8): open the switch of that round. */
export interface Trip extends UnitHeader {
  readonly kind: 'trip';
  /** 限电时间, in half hours (0–15; 0: until allowed to close). */
  readonly limitHalfHours: number;
  /** 告警延时时间, minutes before the trip (0–15). */
  readonly alarmDelayMinutes: number;
}

/** F2 允许合闸, on the control round pn. */
export type AllowClose = UnitHeader & { readonly kind: 'allow-close' };
/** F29 允许终端主动上报. */
export type AllowActiveReport = UnitHeader & { readonly kind: 'allow-active-report' };

/** F31 对时命令: the master station's time, format 01. */
export interface TimeSync extends UnitHeader {
  readonly kind: 'time-sync';
  readonly time: ClockTime;
}

/** F49: the terminal stops reading the meters on one port. */
export interface PauseReading extends UnitHeader {
  readonly kind: 'pause-reading';
  /** 终端通信端口号, 1–31. */
  readonly port: number;
}

export type ControlUnit = Trip | AllowClose | AllowActiveReport | TimeSync | PauseReading;

function nibble(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 15)
    throw new ProtocolError('bad-value', `${what} ${value} is not 0–15`);
  return value;
}

export const tripCodec: UnitCodec<Trip> = {
  kind: 'trip',
  decode(reader: ByteReader, point: number, fn: number): Trip {
    const byte = reader.u8('the trip times');
    return { kind: 'trip', point, fn, limitHalfHours: byte >> 4, alarmDelayMinutes: byte & 0x0f };
  },
  encode(writer: ByteWriter, unit: Trip): void {
    writer.u8(
      (nibble(unit.limitHalfHours, 'limit time') << 4) | nibble(unit.alarmDelayMinutes, 'alarm delay'),
      'trip times',
    );
  },
};

export const timeSyncCodec: UnitCodec<TimeSync> = {
  kind: 'time-sync',
  decode(reader: ByteReader, point: number, fn: number): TimeSync {
    const time = readFormat01(reader, 'the time to set');
    if (time === null) throw new ProtocolError('bad-data', 'a time sync without a time');
    return { kind: 'time-sync', point, fn, time };
  },
  encode(writer: ByteWriter, unit: TimeSync): void {
    writeFormat01(writer, unit.time, 'the time to set');
  },
};

export const pauseReadingCodec: UnitCodec<PauseReading> = {
  kind: 'pause-reading',
  decode: (reader: ByteReader, point: number, fn: number) => ({
    kind: 'pause-reading',
    point,
    fn,
    port: reader.u8('the port'),
  }),
  encode(writer: ByteWriter, unit: PauseReading): void {
    writer.u8(unit.port, 'port');
  },
};

export const allowCloseCodec = emptyCodec('allow-close');
export const allowActiveReportCodec = emptyCodec('allow-active-report');
