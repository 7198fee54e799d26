/**
 * Tariffs are integers of milli-fen per kWh (0.5283 yuan/kWh = 52 830), so that money stays exact; people
 * type and read yuan with up to five decimals. The conversion works on the digits, never through a float.
 */
const milliFenPerYuan = 100_000;
const yuanPattern = /^(\d{1,7})(?:\.(\d{1,5}))?$/;

export function yuanToMilliFen(text: string): number | undefined {
  const match = yuanPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * milliFenPerYuan + Number(fraction.padEnd(5, '0'));
}

export function milliFenToYuan(milliFen: number): string {
  const whole = Math.floor(milliFen / milliFenPerYuan);
  const fraction = String(milliFen % milliFenPerYuan)
    .padStart(5, '0')
    .replace(/0+$/, '');
  return fraction === '' ? `${whole}.00` : `${whole}.${fraction.padEnd(2, '0')}`;
}

export const yuanInputPattern = yuanPattern;
