/**
 * A meter's life from stock to removal (001 §3 stock-in; 002 fault handling). Transitions not listed here
 * are refused, so a removed meter cannot quietly come back into service.
 */
export const meterStates = ['in_stock', 'installed', 'faulty', 'removed'] as const;
export type MeterState = (typeof meterStates)[number];

const allowed: Readonly<Record<MeterState, readonly MeterState[]>> = {
  in_stock: ['installed', 'faulty', 'removed'],
  installed: ['faulty', 'removed'],
  faulty: ['installed', 'in_stock', 'removed'],
  removed: [],
};

export function canMoveMeter(from: MeterState, to: MeterState): boolean {
  return from === to || allowed[from].includes(to);
}
