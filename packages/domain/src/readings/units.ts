// From the decimals meters report (kWh with two places, kW with four, yuan with two) to the integers OpenAMI
// stores and computes with (Wh, W, fen), exactly; and the most power a meter of a type can pass.

/** kWh as the meter reports it (two decimals) to integer Wh, exactly. */
export function kWhToWh(kWh: number): number {
  return Math.round(kWh * 1000);
}

/** kW (four decimals) to integer W, halves rounded away from zero so that signs are symmetric. */
export function kWToW(kW: number): number {
  const tenthsOfWatt = Math.round(kW * 10_000);
  return Math.sign(tenthsOfWatt) * Math.round(Math.abs(tenthsOfWatt) / 10);
}

/** Yuan (two decimals) to integer fen, exactly. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/**
 * The most power a meter can pass: maximum current on every phase at the highest supply voltage allowed
 * (220 V + 10 %, GB/T 12325). Registers count secondary energy, so the PT and CT ratios do not enter.
 */
export function maxPowerW(maxCurrentMa: number, phases: number): number {
  return Math.ceil((242 * maxCurrentMa * phases) / 1000);
}
