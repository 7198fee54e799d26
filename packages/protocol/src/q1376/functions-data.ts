// AFN 0C 请求 1 类数据 (§5.12: current values) and AFN 0D 请求 2 类数据 (§5.13: frozen values). Energies are
// integers in 0.1 Wh (0.1 varh), see formats.ts. A frozen value carries the day (Td_d, format 20) or month
// (Td_m, format 21) it was frozen for, in the request and again in the answer.
import { ProtocolError } from '../errors.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';
import {
  type ClockTime,
  type DayDate,
  type MinuteTime,
  type MonthDate,
  readFormat01,
  readFormat05,
  readFormat07,
  readFormat09,
  readFormat11,
  readFormat13,
  readFormat14,
  readFormat15,
  readFormat20,
  readFormat21,
  readFormat25,
  writeFormat01,
  writeFormat05,
  writeFormat07,
  writeFormat09,
  writeFormat11,
  writeFormat13,
  writeFormat14,
  writeFormat15,
  writeFormat20,
  writeFormat21,
  writeFormat25,
} from './formats.ts';
import type { UnitCodec, UnitHeader } from './unit.ts';

/** A total and its tariffs 1–M, each null when the terminal has no value (EEH). */
export interface TariffValues {
  readonly total: number | null;
  readonly tariffs: readonly (number | null)[];
}

export interface PhaseValues {
  readonly a: number | null;
  readonly b: number | null;
  readonly c: number | null;
}

export interface PhaseValuesWithTotal extends PhaseValues {
  readonly total: number | null;
}

/** 0C F2 终端日历时钟. */
export interface TerminalClock extends UnitHeader {
  readonly kind: 'terminal-clock';
  readonly time: ClockTime | null;
}

/** 0C F25 当前三相及总有∕无功功率、功率因数，三相电压、电流、零序电流、视在功率 (67 bytes). */
export interface InstantValues extends UnitHeader {
  readonly kind: 'instant-values';
  /** 终端抄表时间. */
  readonly readAt: MinuteTime | null;
  readonly activePowerDeciW: PhaseValuesWithTotal;
  readonly reactivePowerDeciVar: PhaseValuesWithTotal;
  readonly powerFactorPermille: PhaseValuesWithTotal;
  readonly voltageDeciV: PhaseValues;
  readonly currentMilliA: PhaseValues;
  readonly neutralCurrentMilliA: number | null;
  readonly apparentPowerDeciVa: PhaseValuesWithTotal;
}

/** The four registers of 0C F33 and 0D F1: 正向有功, 正向无功 (组合无功 1), 一象限无功, 四象限无功. */
export interface ForwardRegisters {
  /** 终端抄表时间. */
  readonly readAt: MinuteTime | null;
  readonly forwardActiveDeciWh: TariffValues;
  readonly forwardReactiveDeciVarh: TariffValues;
  readonly quadrant1ReactiveDeciVarh: TariffValues;
  readonly quadrant4ReactiveDeciVarh: TariffValues;
}

/** 0C F33 当前正向有∕无功电能示值、一∕四象限无功电能示值 (总、费率 1～M). */
export interface CurrentForwardRegisters extends UnitHeader, ForwardRegisters {
  readonly kind: 'current-forward-registers';
}

/** 0C F129 当前正向有功电能示值 (总、费率 1～M). */
export interface CurrentForwardActive extends UnitHeader {
  readonly kind: 'current-forward-active';
  readonly readAt: MinuteTime | null;
  readonly forwardActiveDeciWh: TariffValues;
}

/** 0D request for a daily freeze (F1, F5, F161): Td_d. */
export interface DailyQuery extends UnitHeader {
  readonly kind: 'daily-query';
  readonly day: DayDate;
}

/** 0D request for a monthly freeze (F21, F177): Td_m. */
export interface MonthlyQuery extends UnitHeader {
  readonly kind: 'monthly-query';
  readonly month: MonthDate;
}

/** 0D F1 日冻结正向有∕无功电能示值、一∕四象限无功电能示值. */
export interface DailyForwardRegisters extends UnitHeader, ForwardRegisters {
  readonly kind: 'daily-forward-registers';
  readonly day: DayDate;
}

/** 0D F5 日冻结正向有功电能量 (the day's consumption, format 13). */
export interface DailyForwardActiveConsumption extends UnitHeader {
  readonly kind: 'daily-forward-active-consumption';
  readonly day: DayDate;
  readonly forwardActiveDeciWh: TariffValues;
}

/** 0D F21 月冻结正向有功电能量 (the month's consumption, format 13). */
export interface MonthlyForwardActiveConsumption extends UnitHeader {
  readonly kind: 'monthly-forward-active-consumption';
  readonly month: MonthDate;
  readonly forwardActiveDeciWh: TariffValues;
}

/** 0D F161 日冻结正向有功电能示值 (总、费率 1～M). */
export interface DailyForwardActive extends UnitHeader {
  readonly kind: 'daily-forward-active';
  readonly day: DayDate;
  readonly readAt: MinuteTime | null;
  readonly forwardActiveDeciWh: TariffValues;
}

/** 0D F177 月冻结正向有功电能示值 (总、费率 1～M). */
export interface MonthlyForwardActive extends UnitHeader {
  readonly kind: 'monthly-forward-active';
  readonly month: MonthDate;
  readonly readAt: MinuteTime | null;
  readonly forwardActiveDeciWh: TariffValues;
}

export type DataUnitValue =
  | TerminalClock
  | InstantValues
  | CurrentForwardRegisters
  | CurrentForwardActive
  | DailyQuery
  | MonthlyQuery
  | DailyForwardRegisters
  | DailyForwardActiveConsumption
  | MonthlyForwardActiveConsumption
  | DailyForwardActive
  | MonthlyForwardActive;

type Read = (reader: ByteReader, what: string) => number | null;
type Write = (writer: ByteWriter, value: number | null) => void;

function readTariffs(reader: ByteReader, count: number, read: Read, what: string): TariffValues {
  const total = read(reader, `${what} total`);
  const tariffs: (number | null)[] = new Array(count);
  for (let i = 0; i < count; i++) tariffs[i] = read(reader, `${what} tariff ${i + 1}`);
  return { total, tariffs };
}

function writeTariffs(
  writer: ByteWriter,
  values: TariffValues,
  count: number,
  write: Write,
  what: string,
): void {
  if (values.tariffs.length !== count) {
    throw new ProtocolError(
      'bad-value',
      `${what} has ${values.tariffs.length} tariffs, the unit says ${count}`,
    );
  }
  write(writer, values.total);
  for (const value of values.tariffs) write(writer, value);
}

function readTariffCount(reader: ByteReader): number {
  const count = reader.u8('the tariff count M');
  if (count > 14) throw new ProtocolError('bad-data', `tariff count M = ${count} is above 14`);
  return count;
}

function writeTariffCount(writer: ByteWriter, count: number): void {
  if (count > 14) throw new ProtocolError('bad-value', `tariff count ${count} is above 14`);
  writer.u8(count, 'tariff count');
}

function readForwardRegisters(reader: ByteReader): ForwardRegisters {
  const readAt = readFormat15(reader, 'the reading time');
  const count = readTariffCount(reader);
  return {
    readAt,
    forwardActiveDeciWh: readTariffs(reader, count, readFormat14, 'forward active energy'),
    forwardReactiveDeciVarh: readTariffs(reader, count, readFormat11, 'forward reactive energy'),
    quadrant1ReactiveDeciVarh: readTariffs(reader, count, readFormat11, 'quadrant I reactive energy'),
    quadrant4ReactiveDeciVarh: readTariffs(reader, count, readFormat11, 'quadrant IV reactive energy'),
  };
}

function writeForwardRegisters(writer: ByteWriter, unit: ForwardRegisters): void {
  writeFormat15(writer, unit.readAt, 'the reading time');
  const count = unit.forwardActiveDeciWh.tariffs.length;
  writeTariffCount(writer, count);
  writeTariffs(writer, unit.forwardActiveDeciWh, count, writeFormat14, 'forward active energy');
  writeTariffs(writer, unit.forwardReactiveDeciVarh, count, writeFormat11, 'forward reactive energy');
  writeTariffs(writer, unit.quadrant1ReactiveDeciVarh, count, writeFormat11, 'quadrant I reactive energy');
  writeTariffs(writer, unit.quadrant4ReactiveDeciVarh, count, writeFormat11, 'quadrant IV reactive energy');
}

function readPhases(reader: ByteReader, read: Read, what: string): PhaseValues {
  return { a: read(reader, `${what} A`), b: read(reader, `${what} B`), c: read(reader, `${what} C`) };
}

function readPhasesWithTotal(reader: ByteReader, read: Read, what: string): PhaseValuesWithTotal {
  const total = read(reader, `${what} total`);
  return { total, ...readPhases(reader, read, what) };
}

function writePhases(writer: ByteWriter, values: PhaseValues, write: Write): void {
  write(writer, values.a);
  write(writer, values.b);
  write(writer, values.c);
}

function writePhasesWithTotal(writer: ByteWriter, values: PhaseValuesWithTotal, write: Write): void {
  write(writer, values.total);
  writePhases(writer, values, write);
}

export const terminalClockCodec: UnitCodec<TerminalClock> = {
  kind: 'terminal-clock',
  decode: (reader, point, fn) => ({
    kind: 'terminal-clock',
    point,
    fn,
    time: readFormat01(reader, 'the terminal clock'),
  }),
  encode: (writer, unit) => writeFormat01(writer, unit.time, 'the terminal clock'),
};

export const instantValuesCodec: UnitCodec<InstantValues> = {
  kind: 'instant-values',
  decode(reader, point, fn): InstantValues {
    return {
      kind: 'instant-values',
      point,
      fn,
      readAt: readFormat15(reader, 'the reading time'),
      activePowerDeciW: readPhasesWithTotal(reader, readFormat09, 'active power'),
      reactivePowerDeciVar: readPhasesWithTotal(reader, readFormat09, 'reactive power'),
      powerFactorPermille: readPhasesWithTotal(reader, readFormat05, 'power factor'),
      voltageDeciV: readPhases(reader, readFormat07, 'voltage'),
      currentMilliA: readPhases(reader, readFormat25, 'current'),
      neutralCurrentMilliA: readFormat25(reader, 'the zero-sequence current'),
      apparentPowerDeciVa: readPhasesWithTotal(reader, readFormat09, 'apparent power'),
    };
  },
  encode(writer, unit): void {
    writeFormat15(writer, unit.readAt, 'the reading time');
    writePhasesWithTotal(writer, unit.activePowerDeciW, writeFormat09);
    writePhasesWithTotal(writer, unit.reactivePowerDeciVar, writeFormat09);
    writePhasesWithTotal(writer, unit.powerFactorPermille, writeFormat05);
    writePhases(writer, unit.voltageDeciV, writeFormat07);
    writePhases(writer, unit.currentMilliA, writeFormat25);
    writeFormat25(writer, unit.neutralCurrentMilliA);
    writePhasesWithTotal(writer, unit.apparentPowerDeciVa, writeFormat09);
  },
};

export const currentForwardRegistersCodec: UnitCodec<CurrentForwardRegisters> = {
  kind: 'current-forward-registers',
  decode: (reader, point, fn) => ({
    kind: 'current-forward-registers',
    point,
    fn,
    ...readForwardRegisters(reader),
  }),
  encode: (writer, unit) => writeForwardRegisters(writer, unit),
};

export const currentForwardActiveCodec: UnitCodec<CurrentForwardActive> = {
  kind: 'current-forward-active',
  decode(reader, point, fn): CurrentForwardActive {
    const readAt = readFormat15(reader, 'the reading time');
    const count = readTariffCount(reader);
    const forwardActiveDeciWh = readTariffs(reader, count, readFormat14, 'forward active energy');
    return { kind: 'current-forward-active', point, fn, readAt, forwardActiveDeciWh };
  },
  encode(writer, unit): void {
    writeFormat15(writer, unit.readAt, 'the reading time');
    const count = unit.forwardActiveDeciWh.tariffs.length;
    writeTariffCount(writer, count);
    writeTariffs(writer, unit.forwardActiveDeciWh, count, writeFormat14, 'forward active energy');
  },
};

export const dailyQueryCodec: UnitCodec<DailyQuery> = {
  kind: 'daily-query',
  decode: (reader, point, fn) => ({ kind: 'daily-query', point, fn, day: readFormat20(reader, 'Td_d') }),
  encode: (writer, unit) => writeFormat20(writer, unit.day, 'Td_d'),
};

export const monthlyQueryCodec: UnitCodec<MonthlyQuery> = {
  kind: 'monthly-query',
  decode: (reader, point, fn) => ({ kind: 'monthly-query', point, fn, month: readFormat21(reader, 'Td_m') }),
  encode: (writer, unit) => writeFormat21(writer, unit.month, 'Td_m'),
};

export const dailyForwardRegistersCodec: UnitCodec<DailyForwardRegisters> = {
  kind: 'daily-forward-registers',
  decode(reader, point, fn): DailyForwardRegisters {
    const day = readFormat20(reader, 'Td_d');
    return { kind: 'daily-forward-registers', point, fn, day, ...readForwardRegisters(reader) };
  },
  encode(writer, unit): void {
    writeFormat20(writer, unit.day, 'Td_d');
    writeForwardRegisters(writer, unit);
  },
};

export const dailyForwardActiveConsumptionCodec: UnitCodec<DailyForwardActiveConsumption> = {
  kind: 'daily-forward-active-consumption',
  decode(reader, point, fn): DailyForwardActiveConsumption {
    const day = readFormat20(reader, 'Td_d');
    const count = readTariffCount(reader);
    const forwardActiveDeciWh = readTariffs(reader, count, readFormat13, 'forward active consumption');
    return { kind: 'daily-forward-active-consumption', point, fn, day, forwardActiveDeciWh };
  },
  encode(writer, unit): void {
    writeFormat20(writer, unit.day, 'Td_d');
    const count = unit.forwardActiveDeciWh.tariffs.length;
    writeTariffCount(writer, count);
    writeTariffs(writer, unit.forwardActiveDeciWh, count, writeFormat13, 'forward active consumption');
  },
};

export const monthlyForwardActiveConsumptionCodec: UnitCodec<MonthlyForwardActiveConsumption> = {
  kind: 'monthly-forward-active-consumption',
  decode(reader, point, fn): MonthlyForwardActiveConsumption {
    const month = readFormat21(reader, 'Td_m');
    const count = readTariffCount(reader);
    const forwardActiveDeciWh = readTariffs(reader, count, readFormat13, 'forward active consumption');
    return { kind: 'monthly-forward-active-consumption', point, fn, month, forwardActiveDeciWh };
  },
  encode(writer, unit): void {
    writeFormat21(writer, unit.month, 'Td_m');
    const count = unit.forwardActiveDeciWh.tariffs.length;
    writeTariffCount(writer, count);
    writeTariffs(writer, unit.forwardActiveDeciWh, count, writeFormat13, 'forward active consumption');
  },
};

export const dailyForwardActiveCodec: UnitCodec<DailyForwardActive> = {
  kind: 'daily-forward-active',
  decode(reader, point, fn): DailyForwardActive {
    const day = readFormat20(reader, 'Td_d');
    const readAt = readFormat15(reader, 'the reading time');
    const count = readTariffCount(reader);
    const forwardActiveDeciWh = readTariffs(reader, count, readFormat14, 'forward active energy');
    return { kind: 'daily-forward-active', point, fn, day, readAt, forwardActiveDeciWh };
  },
  encode(writer, unit): void {
    writeFormat20(writer, unit.day, 'Td_d');
    writeFormat15(writer, unit.readAt, 'the reading time');
    const count = unit.forwardActiveDeciWh.tariffs.length;
    writeTariffCount(writer, count);
    writeTariffs(writer, unit.forwardActiveDeciWh, count, writeFormat14, 'forward active energy');
  },
};

export const monthlyForwardActiveCodec: UnitCodec<MonthlyForwardActive> = {
  kind: 'monthly-forward-active',
  decode(reader, point, fn): MonthlyForwardActive {
    const month = readFormat21(reader, 'Td_m');
    const readAt = readFormat15(reader, 'the reading time');
    const count = readTariffCount(reader);
    const forwardActiveDeciWh = readTariffs(reader, count, readFormat14, 'forward active energy');
    return { kind: 'monthly-forward-active', point, fn, month, readAt, forwardActiveDeciWh };
  },
  encode(writer, unit): void {
    writeFormat21(writer, unit.month, 'Td_m');
    writeFormat15(writer, unit.readAt, 'the reading time');
    const count = unit.forwardActiveDeciWh.tariffs.length;
    writeTariffCount(writer, count);
    writeTariffs(writer, unit.forwardActiveDeciWh, count, writeFormat14, 'forward active energy');
  },
};
