/**
 * Money and energy as the cashier types and reads them: yuan with up to two decimals (fen), kWh with up to
 * three (Wh). Converted on the digits, never through a float, so 0.29 yuan is 29 fen exactly.
 */
const yuanPattern = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
const kwhPattern = /^(\d{1,9})(?:\.(\d{1,3}))?$/;

export function yuanToFen(text: string): number | undefined {
  const match = yuanPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function kwhToWh(text: string): number | undefined {
  const match = kwhPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

/** Signed fen as yuan with two decimals: −1 234 fen is `-12.34`. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Signed Wh as kWh, trailing zeros dropped: 12 500 Wh is `12.5`. */
export function whToKwh(wh: number): string {
  const sign = wh < 0 ? '-' : '';
  const abs = Math.abs(wh);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 1000)}${fraction === '' ? '' : `.${fraction}`}`;
}
