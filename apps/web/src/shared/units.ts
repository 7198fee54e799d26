/**
 * Money and energy as people type and read them: yuan with up to two decimals (fen), kWh with up to three
 * (Wh), tariffs in yuan with up to five (milli-fen per kWh: 0.5283 yuan/kWh is 52 830). The API carries
 * integers; they are converted on the digits, never through a float, so 0.29 yuan is 29 fen exactly and
 * nothing shown is rounded.
 */
const yuanPattern = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
const kwhPattern = /^(\d{1,9})(?:\.(\d{1,3}))?$/;
/** A tariff's price as typed: yuan per kWh with up to five decimals. */
export const yuanInputPattern = /^(\d{1,7})(?:\.(\d{1,5}))?$/;

/** The integer `text` means in units of 10^−`decimals`, when it matches `pattern` (whole, fraction). */
function fromDecimalText(text: string, pattern: RegExp, decimals: number): number | undefined {
  const match = pattern.exec(text.trim());
  if (match === null) return undefined;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0'));
}

/**
 * The integer `value` in units of 10^−`decimals`, written out exactly: at least `minDecimals` decimals, and
 * beyond them no trailing zeros.
 */
function toDecimalText(value: number, decimals: number, minDecimals: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const unit = 10 ** decimals;
  const fraction = String(abs % unit)
    .padStart(decimals, '0')
    .replace(/0+$/, '')
    .padEnd(minDecimals, '0');
  return `${sign}${Math.floor(abs / unit)}${fraction === '' ? '' : `.${fraction}`}`;
}

export function yuanToFen(text: string): number | undefined {
  return fromDecimalText(text, yuanPattern, 2);
}

export function kwhToWh(text: string): number | undefined {
  return fromDecimalText(text, kwhPattern, 3);
}

export function yuanToMilliFen(text: string): number | undefined {
  return fromDecimalText(text, yuanInputPattern, 5);
}

/** Signed fen as yuan with two decimals: −1 234 fen is `-12.34`. */
export function fenToYuan(fen: number): string {
  return toDecimalText(fen, 2, 2);
}

/**
 * Signed Wh as kWh, every digit kept. By default trailing zeros are dropped (12 500 Wh is `12.5`);
 * `minDecimals: 2` writes energy as meters register it (DL/T 645 XXXXXX.XX: `12.50`, but `0.007` where the
 * value has a finer digit); `minDecimals: 3` lines up a column of figures (`12.500`).
 */
export function whToKwh(wh: number, options: { readonly minDecimals?: 0 | 2 | 3 } = {}): string {
  return toDecimalText(wh, 3, options.minDecimals ?? 0);
}

/** `whToKwh`'s option for energy as a meter's register shows it: `12.50`, `0.007`. */
export const asRegistered = { minDecimals: 2 } as const;

/** A tariff's price: yuan with at least two decimals and up to five (`0.5283`, `1.00`). */
export function milliFenToYuan(milliFen: number): string {
  return toDecimalText(milliFen, 5, 2);
}

/** Basis points as a percentage with two decimals: 315 is `3.15`. */
export function basisPointsToPercent(bp: number): string {
  return toDecimalText(bp, 2, 2);
}
