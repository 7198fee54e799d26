// 事件记录 (the ERC records of AFN 0E, §5.14 and its event tables): each record is ERC (1), Le (1) and
// Le bytes. We read the ones a master station acts on and keep every other one as its bytes.
// A known ERC whose Le differs from its layout (a vendor's longer record) is kept as bytes too, so nothing is
// guessed and everything encodes back as it came.
import { ProtocolError } from '../errors.ts';
import { ByteReader, type ByteWriter } from './cursor.ts';
import { decodeDa, decodeDt, encodeDa, encodeDt } from './data-id.ts';
import {
  type MinuteTime,
  readFormat07,
  readFormat12,
  readFormat14,
  readFormat15,
  readFormat25,
  writeFormat07,
  writeFormat12,
  writeFormat14,
  writeFormat15,
  writeFormat25,
} from './formats.ts';
import type { PhaseValues } from './functions-data.ts';

/** ERC codes we read. */
export const ERC = {
  /** 数据初始化和版本变更记录 */
  initialisation: 1,
  /** 参数变更记录 */
  parameterChange: 3,
  /** 电压回路异常 (断相、失压) */
  circuitFault: 10,
  /** 电能表时间超差 */
  meterClockDrift: 12,
  /** 电表故障信息 */
  meterFault: 13,
  /** 终端停∕上电事件 */
  powerOffOn: 14,
  /** 发现未知电表事件 */
  unknownMeters: 35,
} as const;

/** ERC 1. */
export interface InitialisationEvent {
  readonly kind: 'initialisation';
  readonly erc: 1;
  readonly at: MinuteTime | null;
  readonly dataInitialised: boolean;
  readonly versionChanged: boolean;
  /** 变更前∕后软件版本号, 4 ASCII characters each. */
  readonly versionBefore: string;
  readonly versionAfter: string;
}

/** ERC 3: which parameters a master station changed. */
export interface ParameterChangeEvent {
  readonly kind: 'parameter-change';
  readonly erc: 3;
  readonly at: MinuteTime | null;
  /** 启动站地址: the master station address (MSA) that set them. */
  readonly master: number;
  readonly changed: readonly { readonly point: number; readonly fn: number }[];
}

/** ERC 10: a voltage or current circuit fault began or ended on a measuring point. */
export interface CircuitFaultEvent {
  readonly kind: 'circuit-fault';
  readonly erc: 10;
  readonly at: MinuteTime | null;
  /** true: the fault began (起), false: it ended (止). */
  readonly began: boolean;
  readonly point: number;
  /** 异常类型 (D7–D6 of the flag byte): 1 断相, 2 失压 as the standard numbers them. */
  readonly faultType: number;
  readonly phaseA: boolean;
  readonly phaseB: boolean;
  readonly phaseC: boolean;
  readonly voltageDeciV: PhaseValues;
  readonly currentMilliA: PhaseValues;
  /** 发生时的正向有功总电能示值. */
  readonly forwardActiveDeciWh: number | null;
}

/** ERC 12: a meter's clock drifted beyond the limit. */
export interface MeterClockDriftEvent {
  readonly kind: 'meter-clock-drift';
  readonly erc: 12;
  readonly at: MinuteTime | null;
  readonly began: boolean;
  readonly point: number;
}

/** ERC 13: a meter reports a change worth knowing (its 异常标志). */
export interface MeterFaultEvent {
  readonly kind: 'meter-fault';
  readonly erc: 13;
  readonly at: MinuteTime | null;
  readonly began: boolean;
  readonly point: number;
  /** D0 编程次数或最大需量清零次数变化, D1 断相次数变化, D2 失压次数变化, D3 停电次数变化, D4 电池欠压. */
  readonly flags: number;
}

/** ERC 14: the terminal lost and regained power. */
export interface PowerOffOnEvent {
  readonly kind: 'power-off-on';
  readonly erc: 14;
  readonly offAt: MinuteTime | null;
  /** null while power has not returned (the record is sent at power loss with EEH here). */
  readonly onAt: MinuteTime | null;
}

export interface UnknownMeter {
  readonly address: string;
  /** 相位 (D2–D0, a bit per phase A, B, C). */
  readonly phases: number;
  /** 信号品质 (D7–D4), 0–15. */
  readonly signalQuality: number;
  /** 通信协议类型 (functions-parameters.ts METER_PROTOCOL). */
  readonly protocol: number;
}

/** ERC 35: meters the terminal found on a port that are not in its meter table. */
export interface UnknownMetersEvent {
  readonly kind: 'unknown-meters';
  readonly erc: 35;
  readonly at: MinuteTime | null;
  readonly port: number;
  readonly meters: readonly UnknownMeter[];
}

/** Any other record, or a known one in a layout we do not read: ERC and its Le bytes. */
export interface RawEvent {
  readonly kind: 'raw-event';
  readonly erc: number;
  readonly raw: Uint8Array;
}

export type EventRecord =
  | InitialisationEvent
  | ParameterChangeEvent
  | CircuitFaultEvent
  | MeterClockDriftEvent
  | MeterFaultEvent
  | PowerOffOnEvent
  | UnknownMetersEvent
  | RawEvent;

const START_FLAG = 0x8000;
const POINT_MASK = 0x0fff;

function ascii(reader: ByteReader, count: number, what: string): string {
  const at = reader.take(count, what);
  let text = '';
  for (let i = at; i < at + count; i++) text += String.fromCharCode(reader.bytes[i] as number);
  return text;
}

function writeAscii(writer: ByteWriter, text: string, count: number, what: string): void {
  if (text.length !== count || [...text].some((char) => char.charCodeAt(0) > 0x7f)) {
    throw new ProtocolError('bad-value', `${what} ${JSON.stringify(text)} is not ${count} ASCII characters`);
  }
  for (let i = 0; i < count; i++) writer.u8(text.charCodeAt(i), what);
}

function pointWord(reader: ByteReader): { began: boolean; point: number } {
  const word = reader.u16('the point and start flag');
  return { began: (word & START_FLAG) !== 0, point: word & POINT_MASK };
}

function writePointWord(writer: ByteWriter, began: boolean, point: number): void {
  if (!Number.isInteger(point) || point < 0 || point > POINT_MASK)
    throw new ProtocolError('bad-value', `point ${point} is not 0–4095`);
  writer.u16(point | (began ? START_FLAG : 0), 'point');
}

/** The record's fields from its Le bytes; undefined when they are not the layout we know. */
function readKnown(erc: number, reader: ByteReader): EventRecord | undefined {
  const length = reader.remaining;
  switch (erc) {
    case ERC.initialisation: {
      if (length !== 14) return undefined;
      const at = readFormat15(reader, 'the event time');
      const flags = reader.u8('the event flags');
      return {
        kind: 'initialisation',
        erc,
        at,
        dataInitialised: (flags & 1) !== 0,
        versionChanged: (flags & 2) !== 0,
        versionBefore: ascii(reader, 4, 'the old version'),
        versionAfter: ascii(reader, 4, 'the new version'),
      };
    }
    case ERC.parameterChange: {
      if (length < 6 || (length - 6) % 4 !== 0) return undefined;
      const at = readFormat15(reader, 'the event time');
      const master = reader.u8('the master address');
      const changed: { point: number; fn: number }[] = [];
      while (reader.remaining > 0) {
        const points = decodeDa(reader.u8('DA1'), reader.u8('DA2'));
        const fns = decodeDt(reader.u8('DT1'), reader.u8('DT2'));
        for (const point of points) for (const fn of fns) changed.push({ point, fn });
      }
      return { kind: 'parameter-change', erc, at, master, changed };
    }
    case ERC.circuitFault: {
      if (length !== 28) return undefined;
      const at = readFormat15(reader, 'the event time');
      const { began, point } = pointWord(reader);
      const flags = reader.u8('the fault flags');
      return {
        kind: 'circuit-fault',
        erc,
        at,
        began,
        point,
        faultType: flags >> 6,
        phaseA: (flags & 1) !== 0,
        phaseB: (flags & 2) !== 0,
        phaseC: (flags & 4) !== 0,
        voltageDeciV: {
          a: readFormat07(reader, 'Ua'),
          b: readFormat07(reader, 'Ub'),
          c: readFormat07(reader, 'Uc'),
        },
        currentMilliA: {
          a: readFormat25(reader, 'Ia'),
          b: readFormat25(reader, 'Ib'),
          c: readFormat25(reader, 'Ic'),
        },
        forwardActiveDeciWh: readFormat14(reader, 'the forward active energy'),
      };
    }
    case ERC.meterClockDrift: {
      if (length !== 7) return undefined;
      const at = readFormat15(reader, 'the event time');
      return { kind: 'meter-clock-drift', erc, at, ...pointWord(reader) };
    }
    case ERC.meterFault: {
      if (length !== 8) return undefined;
      const at = readFormat15(reader, 'the event time');
      const { began, point } = pointWord(reader);
      return { kind: 'meter-fault', erc, at, began, point, flags: reader.u8('the fault flags') };
    }
    case ERC.powerOffOn: {
      if (length !== 10) return undefined;
      return {
        kind: 'power-off-on',
        erc,
        offAt: readFormat15(reader, 'the power-off time'),
        onAt: readFormat15(reader, 'the power-on time'),
      };
    }
    case ERC.unknownMeters: {
      if (length < 7) return undefined;
      const at = readFormat15(reader, 'the event time');
      const port = reader.u8('the port');
      const count = reader.u8('the meter count');
      if (reader.remaining !== count * 8) return undefined;
      const meters: UnknownMeter[] = [];
      for (let i = 0; i < count; i++) {
        const address = readFormat12(reader, 'the meter address');
        const phaseSignal = reader.u8('the phase and signal');
        meters.push({
          address,
          phases: phaseSignal & 0x07,
          signalQuality: phaseSignal >> 4,
          protocol: reader.u8('the protocol'),
        });
      }
      return { kind: 'unknown-meters', erc, at, port, meters };
    }
    default:
      return undefined;
  }
}

/** Reads one record: ERC, Le, then its Le bytes. */
export function readEventRecord(reader: ByteReader): EventRecord {
  const erc = reader.u8('ERC');
  const length = reader.u8('Le');
  const at = reader.take(length, `ERC ${erc} record`);
  const record = new ByteReader(reader.bytes, at, at + length);
  try {
    const known = readKnown(erc, record);
    if (known !== undefined) return known;
  } catch (error) {
    // A bad date or BCD digit inside a record of the right length: keep the record's bytes, not the error.
    if (!(error instanceof ProtocolError)) throw error;
  }
  return { kind: 'raw-event', erc, raw: reader.bytes.slice(at, at + length) };
}

function writeBody(writer: ByteWriter, record: EventRecord): void {
  switch (record.kind) {
    case 'initialisation':
      writeFormat15(writer, record.at, 'the event time');
      writer.u8((record.dataInitialised ? 1 : 0) | (record.versionChanged ? 2 : 0), 'flags');
      writeAscii(writer, record.versionBefore, 4, 'the old version');
      writeAscii(writer, record.versionAfter, 4, 'the new version');
      return;
    case 'parameter-change':
      writeFormat15(writer, record.at, 'the event time');
      writer.u8(record.master, 'master address');
      for (const { point, fn } of record.changed) {
        for (const byte of [...encodeDa(point), ...encodeDt(fn)]) writer.u8(byte, 'DA DT');
      }
      return;
    case 'circuit-fault':
      writeFormat15(writer, record.at, 'the event time');
      writePointWord(writer, record.began, record.point);
      if (!Number.isInteger(record.faultType) || record.faultType < 0 || record.faultType > 3) {
        throw new ProtocolError('bad-value', `fault type ${record.faultType} is not 0–3`);
      }
      writer.u8(
        (record.faultType << 6) | (record.phaseA ? 1 : 0) | (record.phaseB ? 2 : 0) | (record.phaseC ? 4 : 0),
        'flags',
      );
      writeFormat07(writer, record.voltageDeciV.a);
      writeFormat07(writer, record.voltageDeciV.b);
      writeFormat07(writer, record.voltageDeciV.c);
      writeFormat25(writer, record.currentMilliA.a);
      writeFormat25(writer, record.currentMilliA.b);
      writeFormat25(writer, record.currentMilliA.c);
      writeFormat14(writer, record.forwardActiveDeciWh);
      return;
    case 'meter-clock-drift':
      writeFormat15(writer, record.at, 'the event time');
      writePointWord(writer, record.began, record.point);
      return;
    case 'meter-fault':
      writeFormat15(writer, record.at, 'the event time');
      writePointWord(writer, record.began, record.point);
      writer.u8(record.flags, 'fault flags');
      return;
    case 'power-off-on':
      writeFormat15(writer, record.offAt, 'the power-off time');
      writeFormat15(writer, record.onAt, 'the power-on time');
      return;
    case 'unknown-meters':
      writeFormat15(writer, record.at, 'the event time');
      writer.u8(record.port, 'port');
      writer.u8(record.meters.length, 'meter count');
      for (const meter of record.meters) {
        writeFormat12(writer, meter.address, 'meter address');
        if (meter.phases < 0 || meter.phases > 7 || meter.signalQuality < 0 || meter.signalQuality > 15) {
          throw new ProtocolError(
            'bad-value',
            `phases ${meter.phases} or signal quality ${meter.signalQuality} out of range`,
          );
        }
        writer.u8(meter.phases | (meter.signalQuality << 4), 'phase and signal');
        writer.u8(meter.protocol, 'protocol');
      }
      return;
    case 'raw-event':
      writer.bytes(record.raw);
      return;
  }
}

/** Writes one record: ERC, Le, its bytes. */
export function writeEventRecord(writer: ByteWriter, record: EventRecord): void {
  writer.u8(record.erc, 'ERC');
  const lengthAt = writer.claim(1);
  const start = writer.length;
  writeBody(writer, record);
  const length = writer.length - start;
  if (length > 255)
    throw new ProtocolError('bad-value', `ERC ${record.erc} record of ${length} bytes exceeds Le`);
  writer.target[lengthAt] = length;
}
