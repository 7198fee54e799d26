// Parameters and identity (DL/T 645-2007 Table A.5, 04 …) as a meter reports them.
import { type DataValue, SUPPORTED_BAUD_RATES } from '@openami/protocol';
import type { SimMeter } from './meter.ts';
import { statusWords } from './status-words.ts';
import { DEFAULT_TARIFF_BY_HOUR, TARIFF_COUNT } from './tariff.ts';
import { dateTime, kw, kwh, yuan } from './units.ts';

export function readParameter2007(meter: SimMeter, di: number, simMs: number): DataValue | undefined {
  const config = meter.config;
  const clock = dateTime(meter.meterClock(simMs), config.utcOffsetMinutes);
  const three = config.phases === 3;
  const prepaid = meter.prepaid;
  switch (di) {
    case 0x04000101:
      return { year: clock.year, month: clock.month, day: clock.day, weekday: clock.weekday };
    case 0x04000102:
      return { hour: clock.hour, minute: clock.minute, second: clock.second };
    case 0x04000103:
      return 15;
    case 0x04000104:
      return 1;
    case 0x04000105:
      return 80;
    case 0x04000201:
    case 0x04000202:
      return 1;
    case 0x04000203:
      return dailyPeriodCount();
    case 0x04000204:
      return TARIFF_COUNT;
    case 0x04000205:
      return 0;
    case 0x04000306:
      return config.ctRatio;
    case 0x04000307:
      return config.ptRatio;
    case 0x04000401:
      return meter.address;
    case 0x04000402:
      return config.meterNumber;
    case 0x04000403:
      return `OPENAMI-SIM-${config.meterNumber}`;
    case 0x04000404:
      return `${three ? '3x' : ''}${config.nominalVoltageV}V`;
    case 0x04000405:
      return `${config.ratedCurrentA}A`;
    case 0x04000406:
      return `${config.maxCurrentA}A`;
    case 0x04000407:
      return three ? '1.0' : '2.0';
    case 0x04000408:
      return '2.0';
    case 0x04000409:
    case 0x0400040a:
      return config.constantImpPerKwh;
    case 0x0400040b:
      return `${three ? 'DTS' : 'DDS'}${prepaid === undefined ? '' : 'Y'}1111`;
    case 0x0400040c:
      return '2024-03-01';
    case 0x0400040d:
      return 'DL/T645-2007';
    case 0x040005ff:
      return statusWords(meter, simMs).map((raw) => (raw === undefined ? null : { raw, flags: {} }));
    case 0x04000703:
      return { raw: baudWord(meter.baud), flags: {} };
    case 0x04000901:
      return { raw: meter.loadRecords.modeWord, flags: {} };
    case 0x04000a01:
      return meter.loadRecords.startTime;
    case 0x04000b01:
      return { day: 1, hour: 0 };
    case 0x04000e01:
      return meter.capacity === undefined ? undefined : kw(meter.capacity.maxPowerW);
    case 0x04000f01:
      return prepaid === undefined ? undefined : kwh(prepaid.alarmEnergyWh);
    case 0x04000f02:
      return prepaid === undefined ? undefined : kwh(prepaid.alarm2EnergyWh);
    case 0x04000f03:
      return prepaid === undefined ? undefined : kwh(prepaid.hoardingLimitWh);
    case 0x04000f04:
      return prepaid === undefined ? undefined : kwh(prepaid.creditLimitWh);
    default:
      break;
  }
  const money = meter.moneyPrepaid;
  if (money !== undefined) {
    if (di === 0x04001001) return yuan(money.alarm1Fen);
    if (di === 0x04001002) return yuan(money.alarm2Fen);
    if (di === 0x04001003) return yuan(money.creditLimitFen);
    if (di === 0x04001004) return yuan(money.hoardingLimitFen);
    if (di === 0x04001005) return 0;
    if (di > 0x04050100 && di <= 0x04050104) return money.priceOf(di - 0x04050100) / 10_000;
  }
  if (di >= 0x04000a02 && di <= 0x04000a07) return meter.loadRecords.intervalsMin[di - 0x04000a02];
  if (di >= 0x04000501 && di <= 0x04000507) {
    const raw = statusWords(meter, simMs)[di - 0x04000501];
    return raw === undefined ? null : { raw, flags: {} };
  }
  return undefined;
}

/** 通信速率特征字: bit 1 = 600 baud … bit 6 = 19200 (§7.8). */
export function baudWord(baud: number): number {
  const index = SUPPORTED_BAUD_RATES.indexOf(baud);
  return index < 0 ? 0 : 1 << (index + 1);
}

function dailyPeriodCount(): number {
  let periods = 1;
  for (let hour = 1; hour < 24; hour++) {
    if (DEFAULT_TARIFF_BY_HOUR[hour] !== DEFAULT_TARIFF_BY_HOUR[hour - 1]) periods++;
  }
  return periods;
}
