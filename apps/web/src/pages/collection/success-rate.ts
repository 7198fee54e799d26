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

/**
 * A run's rate as the list shows it: over every meter tried once it ended; while it runs, over the meters
 * done so far (its total is then the meters it is still to try as well).
 */
export function runRate(run: {
  readonly status: string;
  readonly metersTotal: number;
  readonly metersComplete: number;
  readonly metersPartial: number;
  readonly metersFailed: number;
}): number | null {
  const read = run.metersComplete + run.metersPartial;
  return successRate(read, run.status === 'running' ? read + run.metersFailed : run.metersTotal);
}
