// Time-of-use periods (费率时段). DL/T 645-2007 numbers tariffs 1 尖 (sharp), 2 峰 (peak), 3 平 (flat),
// 4 谷 (valley); a meter switches by its own clock. The day table is a typical provincial one, per local hour.
export const TARIFF_COUNT = 4;

const SHARP = 1;
const PEAK = 2;
const FLAT = 3;
const VALLEY = 4;

export const DEFAULT_TARIFF_BY_HOUR: readonly number[] = [
  VALLEY,
  VALLEY,
  VALLEY,
  VALLEY,
  VALLEY,
  VALLEY,
  VALLEY, // 00-06
  FLAT, // 07
  PEAK,
  PEAK,
  PEAK, // 08-10
  FLAT,
  FLAT,
  FLAT,
  FLAT,
  FLAT,
  FLAT, // 11-16
  PEAK,
  PEAK, // 17-18
  SHARP,
  SHARP, // 19-20
  PEAK, // 21
  FLAT, // 22
  VALLEY, // 23
];

export function tariffOfHour(hour: number): number {
  return DEFAULT_TARIFF_BY_HOUR[hour] ?? FLAT;
}
