// How a benchmark reports: human lines first, then one JSON object per figure as the last lines.
import { cpus } from 'node:os';

export interface Figure {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly target: string;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, Node ${process.version}`;
}

export function printFigures(figures: readonly Figure[]): void {
  for (const figure of figures) process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Runs `operation` for about `milliseconds` after a warm-up; returns operations per second. */
export function opsPerSecond(operation: () => void, milliseconds = 2000): number {
  for (let i = 0; i < 200_000; i++) operation();
  let count = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(milliseconds) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 10_000; i++) operation();
    count += 10_000;
    elapsed = process.hrtime.bigint() - start;
  }
  return Math.round((count * 1e9) / Number(elapsed));
}
