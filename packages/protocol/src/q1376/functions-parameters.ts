// AFN 04 设置参数 (§5.5) and AFN 0A 查询参数 (§5.10): the same data both ways, set downward and answered
// upward. F1 终端上行通信口通信参数, F3 主站 IP 地址和端口, F10 终端电能表∕交流采样装置配置参数 (the meter table).
import { ProtocolError } from '../errors.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';
import { readFormat12, writeFormat12 } from './formats.ts';
import type { UnitCodec, UnitHeader } from './unit.ts';

/** F1: how the terminal talks to the master station. */
export interface UplinkParameters extends UnitHeader {
  readonly kind: 'uplink-parameters';
  /** 数传机延时时间 RTS, in 20 ms steps (0–255). */
  readonly rtsDelay20Ms: number;
  /** 终端作为启动站允许传输延时时间, minutes. */
  readonly initiatorDelayMinutes: number;
  /** 终端等待从动站响应的超时时间, seconds (0–4095). */
  readonly responseTimeoutS: number;
  /** 重发次数 (0–3). */
  readonly retries: number;
  /** 需要主站确认的通信服务 (CON=1) 的标志: active reports of class 1, 2 and 3 data wait for a confirm. */
  readonly confirmClass1: boolean;
  readonly confirmClass2: boolean;
  readonly confirmClass3: boolean;
  /** 心跳周期, minutes. */
  readonly heartbeatMinutes: number;
}

export interface StationEndpoint {
  /** Dotted quad, "10.0.0.1". */
  readonly ip: string;
  readonly port: number;
}

/** F3: where the terminal dials in. */
export interface MasterAddress extends UnitHeader {
  readonly kind: 'master-address';
  readonly primary: StationEndpoint;
  readonly backup: StationEndpoint;
  /** APN, up to 16 ASCII characters (sent zero-padded). */
  readonly apn: string;
}

/** 通信速率 of a meter port (F10, D7–D5): the code's rate in bit/s; 0 is the terminal's default. */
export const PORT_BAUD_RATES: readonly number[] = [0, 600, 1200, 2400, 4800, 7200, 9600, 19200];

/** 通信协议类型 (F10). */
export const METER_PROTOCOL = {
  none: 0,
  dlt645_1997: 1,
  acSampling: 2,
  dlt645_2007: 30,
  carrierModule: 31,
} as const;

/** One row of the meter table (F10, 27 bytes). */
export interface MeterEntry {
  /** 电能表∕交流采样装置序号, 1–2040. */
  readonly index: number;
  /** 所属测量点号, 0–2040 (0: the row is deleted). */
  readonly point: number;
  /** 通信端口号, 1–31. */
  readonly port: number;
  /** 通信速率, bit/s (PORT_BAUD_RATES); 0: the terminal's default. */
  readonly baud: number;
  /** 通信协议类型 (METER_PROTOCOL). */
  readonly protocol: number;
  /** 通信地址, 12 digits. */
  readonly address: string;
  /** 通信密码, 6 bytes binary read as an integer. */
  readonly password: number;
  /** 电能费率个数, 0–63. */
  readonly tariffCount: number;
  /** 有功电能示值的整数位个数, 4–7. */
  readonly integerDigits: number;
  /** 有功电能示值的小数位个数, 1–4. */
  readonly decimalDigits: number;
  /** 所属采集器通信地址, 12 digits; all zero when the meter is not behind a collector. */
  readonly collectorAddress: string;
  /** 用户大类号, 0–15. */
  readonly userClass: number;
  /** 用户小类号, 0–15. */
  readonly userSubclass: number;
}

/** F10: rows of the meter table (to set, or as answered). */
export interface MeterTable extends UnitHeader {
  readonly kind: 'meter-table';
  readonly meters: readonly MeterEntry[];
}

/** 0A F10 downward: which rows to read, by their 序号. */
export interface MeterTableQuery extends UnitHeader {
  readonly kind: 'meter-table-query';
  readonly indexes: readonly number[];
}

export type ParameterUnit = UplinkParameters | MasterAddress | MeterTable | MeterTableQuery;

function inRange(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ProtocolError('bad-value', `${what} ${value} is not ${min}–${max}`);
  }
  return value;
}

export const uplinkParametersCodec: UnitCodec<UplinkParameters> = {
  kind: 'uplink-parameters',
  decode(reader: ByteReader, point: number, fn: number): UplinkParameters {
    const rtsDelay20Ms = reader.u8('RTS');
    const initiatorDelayMinutes = reader.u8('the initiator delay');
    const timeoutWord = reader.u16('the response timeout');
    const flags = reader.u8('the confirm flags');
    const heartbeatMinutes = reader.u8('the heartbeat period');
    return {
      kind: 'uplink-parameters',
      point,
      fn,
      rtsDelay20Ms,
      initiatorDelayMinutes,
      responseTimeoutS: timeoutWord & 0x0fff,
      retries: (timeoutWord >> 12) & 0x03,
      confirmClass1: (flags & 1) !== 0,
      confirmClass2: (flags & 2) !== 0,
      confirmClass3: (flags & 4) !== 0,
      heartbeatMinutes,
    };
  },
  encode(writer: ByteWriter, unit: UplinkParameters): void {
    writer.u8(unit.rtsDelay20Ms, 'RTS');
    writer.u8(unit.initiatorDelayMinutes, 'the initiator delay');
    writer.u16(
      inRange(unit.responseTimeoutS, 0, 0x0fff, 'the response timeout') |
        (inRange(unit.retries, 0, 3, 'retries') << 12),
      'the response timeout',
    );
    writer.u8(
      (unit.confirmClass1 ? 1 : 0) | (unit.confirmClass2 ? 2 : 0) | (unit.confirmClass3 ? 4 : 0),
      'flags',
    );
    writer.u8(unit.heartbeatMinutes, 'the heartbeat period');
  },
};

function readEndpoint(reader: ByteReader, what: string): StationEndpoint {
  const at = reader.take(4, what);
  const ip = Array.from(reader.bytes.subarray(at, at + 4)).join('.');
  return { ip, port: reader.u16(`${what} port`) };
}

function writeEndpoint(writer: ByteWriter, endpoint: StationEndpoint, what: string): void {
  const parts = endpoint.ip.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^[0-9]{1,3}$/.test(part) || Number(part) > 255)) {
    throw new ProtocolError('bad-value', `${what} ${JSON.stringify(endpoint.ip)} is not an IPv4 address`);
  }
  for (const part of parts) writer.u8(Number(part), what);
  writer.u16(endpoint.port, `${what} port`);
}

const APN_LENGTH = 16;

export const masterAddressCodec: UnitCodec<MasterAddress> = {
  kind: 'master-address',
  decode(reader: ByteReader, point: number, fn: number): MasterAddress {
    const primary = readEndpoint(reader, 'the primary address');
    const backup = readEndpoint(reader, 'the backup address');
    const at = reader.take(APN_LENGTH, 'the APN');
    let apn = '';
    for (let i = at; i < at + APN_LENGTH; i++) {
      const byte = reader.bytes[i] as number;
      if (byte === 0) break;
      apn += String.fromCharCode(byte);
    }
    return { kind: 'master-address', point, fn, primary, backup, apn };
  },
  encode(writer: ByteWriter, unit: MasterAddress): void {
    writeEndpoint(writer, unit.primary, 'the primary address');
    writeEndpoint(writer, unit.backup, 'the backup address');
    if (unit.apn.length > APN_LENGTH || !/^[\x20-\x7e]*$/.test(unit.apn)) {
      throw new ProtocolError(
        'bad-value',
        `APN ${JSON.stringify(unit.apn)} is not up to 16 ASCII characters`,
      );
    }
    const at = writer.claim(APN_LENGTH);
    writer.target.fill(0, at, at + APN_LENGTH);
    for (let i = 0; i < unit.apn.length; i++) writer.target[at + i] = unit.apn.charCodeAt(i);
  },
};

function readMeter(reader: ByteReader): MeterEntry {
  const index = reader.u16('the meter index');
  const point = reader.u16('the measuring point');
  const portByte = reader.u8('the port and rate');
  const protocol = reader.u8('the protocol');
  const address = readFormat12(reader, 'the meter address');
  const passwordAt = reader.take(6, 'the meter password');
  let password = 0;
  for (let i = passwordAt + 5; i >= passwordAt; i--) password = password * 256 + (reader.bytes[i] as number);
  const tariffCount = reader.u8('the tariff count') & 0x3f;
  const digits = reader.u8('the digits');
  const collectorAddress = readFormat12(reader, 'the collector address');
  const classes = reader.u8('the user class');
  return {
    index,
    point,
    port: portByte & 0x1f,
    baud: PORT_BAUD_RATES[portByte >> 5] as number,
    protocol,
    address,
    password,
    tariffCount,
    integerDigits: ((digits >> 2) & 0x03) + 4,
    decimalDigits: (digits & 0x03) + 1,
    collectorAddress,
    userClass: classes >> 4,
    userSubclass: classes & 0x0f,
  };
}

function writeMeter(writer: ByteWriter, meter: MeterEntry): void {
  writer.u16(inRange(meter.index, 0, 2040, 'meter index'), 'meter index');
  writer.u16(inRange(meter.point, 0, 2040, 'measuring point'), 'measuring point');
  const rate = PORT_BAUD_RATES.indexOf(meter.baud);
  if (rate < 0)
    throw new ProtocolError(
      'bad-value',
      `rate ${meter.baud} bit/s is not one of ${PORT_BAUD_RATES.join(', ')}`,
    );
  writer.u8((rate << 5) | inRange(meter.port, 0, 31, 'port'), 'port');
  writer.u8(meter.protocol, 'protocol');
  writeFormat12(writer, meter.address, 'meter address');
  if (!Number.isSafeInteger(meter.password) || meter.password < 0 || meter.password >= 2 ** 48) {
    throw new ProtocolError('bad-value', `meter password ${meter.password} is not 6 bytes`);
  }
  const at = writer.claim(6);
  let rest = meter.password;
  for (let i = 0; i < 6; i++) {
    writer.target[at + i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  writer.u8(inRange(meter.tariffCount, 0, 63, 'tariff count'), 'tariff count');
  writer.u8(
    ((inRange(meter.integerDigits, 4, 7, 'integer digits') - 4) << 2) |
      (inRange(meter.decimalDigits, 1, 4, 'decimal digits') - 1),
    'digits',
  );
  writeFormat12(writer, meter.collectorAddress, 'collector address');
  writer.u8(
    (inRange(meter.userClass, 0, 15, 'user class') << 4) |
      inRange(meter.userSubclass, 0, 15, 'user subclass'),
    'classes',
  );
}

export const meterTableCodec: UnitCodec<MeterTable> = {
  kind: 'meter-table',
  decode(reader: ByteReader, point: number, fn: number): MeterTable {
    const count = reader.u16('the meter count');
    const meters: MeterEntry[] = [];
    for (let i = 0; i < count; i++) meters.push(readMeter(reader));
    return { kind: 'meter-table', point, fn, meters };
  },
  encode(writer: ByteWriter, unit: MeterTable): void {
    writer.u16(unit.meters.length, 'meter count');
    for (const meter of unit.meters) writeMeter(writer, meter);
  },
};

export const meterTableQueryCodec: UnitCodec<MeterTableQuery> = {
  kind: 'meter-table-query',
  decode(reader: ByteReader, point: number, fn: number): MeterTableQuery {
    const count = reader.u16('the index count');
    const indexes: number[] = [];
    for (let i = 0; i < count; i++) indexes.push(reader.u16('a meter index'));
    return { kind: 'meter-table-query', point, fn, indexes };
  },
  encode(writer: ByteWriter, unit: MeterTableQuery): void {
    writer.u16(unit.indexes.length, 'index count');
    for (const index of unit.indexes) writer.u16(index, 'meter index');
  },
};
