/**
 * The share of meters read, in per cent with one decimal, as the server counts it for a run and a port:
 * complete and partial reads over every meter tried; none for nothing tried.
 */
export function successRate(read: number, tried: number): number | null {
  return tried === 0 ? null : Math.round((read * 1000) / tried) / 10;
}

export function rateText(rate: number | null): string {
  return rate === null ? '–' : `${rate} %`;
}
