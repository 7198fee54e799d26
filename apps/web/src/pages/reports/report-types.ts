// The report pages' number formats: Wh, basis points and days as the pages show them. The report API's
// shapes and lists are `@openami/contract`'s.

/** Integer Wh as kWh with three decimals, exactly. */
export function kwh(wh: number | null): string {
  if (wh === null) return '';
  const sign = wh < 0 ? '-' : '';
  const abs = Math.abs(wh);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** Basis points as a percentage with two decimals, exactly: 315 → "3.15". */
export function percent(bp: number | null): string {
  if (bp === null) return '';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A local calendar day as the API names it (YYYY-MM-DD). */
export function localDay(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
