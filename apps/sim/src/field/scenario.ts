// Scenarios the control API (and the CLI's description) can trigger at run time, as plain data.
import type { RemoteCommand } from '@openami/protocol';
import type { SimMeter } from '../meter/meter.ts';
import type { PurchaseOutcome } from '../meter/prepaid.ts';
import {
  remoteControl,
  setBypass,
  setCoverOpen,
  setLoad,
  setPowerDown,
  setReversed,
} from '../meter/scenarios.ts';
import type { SimClock } from '../time/sim-clock.ts';

export type Scenario =
  | { readonly kind: 'cover-open' | 'cover-close' | 'terminal-cover-open' | 'terminal-cover-close' }
  | { readonly kind: 'reverse'; readonly on: boolean }
  | { readonly kind: 'bypass'; readonly share: number; readonly extraW?: number }
  | { readonly kind: 'power-down' | 'power-up' }
  | { readonly kind: 'load'; readonly watts: number | null }
  | { readonly kind: 'swap'; readonly with: string }
  | { readonly kind: 'relay'; readonly command: RemoteCommand }
  | {
      readonly kind: 'purchase';
      readonly purchaseCount: number;
      readonly energyWh: number;
      readonly meterNumber?: string;
    }
  | { readonly kind: 'insert-card' }
  /**
   * The meter's clock breaks: it sends these digits for its date (04000101, YYMMDDWW, e.g. `26130109`: month
   * 13, weekday 9) and time (04000102, hhmmss, e.g. `256100`), written most significant first as the standard
   * writes them, whether or not a calendar has them; `clock-repaired` ends it.
   */
  | { readonly kind: 'broken-clock'; readonly date?: string; readonly time?: string }
  | { readonly kind: 'clock-repaired' };

export const SCENARIO_KINDS: readonly Scenario['kind'][] = [
  'cover-open',
  'cover-close',
  'terminal-cover-open',
  'terminal-cover-close',
  'reverse',
  'bypass',
  'power-down',
  'power-up',
  'load',
  'swap',
  'relay',
  'purchase',
  'insert-card',
  'broken-clock',
  'clock-repaired',
];

export type ScenarioOutcome = { readonly done: true } | PurchaseOutcome;

/** What a scenario acts on: a field's clock and its meters (a running `Field` is one). */
export interface ScenarioField {
  readonly clock: SimClock;
  meter(address: string): SimMeter;
  swapHouseholds(addressA: string, addressB: string): void;
}

export function runScenario(field: ScenarioField, address: string, scenario: Scenario): ScenarioOutcome {
  const now = field.clock.now();
  const meter = field.meter(address);
  switch (scenario.kind) {
    case 'cover-open':
    case 'cover-close':
      setCoverOpen(meter, now, 'meter', scenario.kind === 'cover-open');
      break;
    case 'terminal-cover-open':
    case 'terminal-cover-close':
      setCoverOpen(meter, now, 'terminal', scenario.kind === 'terminal-cover-open');
      break;
    case 'reverse':
      setReversed(meter, now, scenario.on);
      break;
    case 'bypass':
      setBypass(meter, now, scenario.share, scenario.extraW ?? 0);
      break;
    case 'power-down':
    case 'power-up':
      setPowerDown(meter, now, scenario.kind === 'power-down');
      break;
    case 'load':
      setLoad(meter, now, scenario.watts ?? undefined);
      break;
    case 'swap':
      field.swapHouseholds(address, scenario.with);
      break;
    case 'relay':
      remoteControl(meter, now, scenario.command, '00000000');
      break;
    case 'purchase':
      return meter.purchase(now, {
        meterNumber: scenario.meterNumber ?? meter.config.meterNumber,
        purchaseCount: scenario.purchaseCount,
        energyWh: scenario.energyWh,
      });
    case 'insert-card':
      meter.insertCard(now);
      break;
    case 'broken-clock':
      meter.brokenClock = {
        ...(scenario.date === undefined ? {} : { date: clockDigits(scenario.date, 4, 'date') }),
        ...(scenario.time === undefined ? {} : { time: clockDigits(scenario.time, 3, 'time') }),
      };
      break;
    case 'clock-repaired':
      meter.brokenClock = undefined;
      break;
  }
  return { done: true };
}

/** A broken clock's digits (two a byte, most significant first) as the meter sends them: low byte first. */
function clockDigits(digits: string, bytes: number, what: string): Uint8Array {
  if (!new RegExp(`^[0-9A-Fa-f]{${bytes * 2}}$`).test(digits))
    throw new Error(`broken-clock ${what} must be ${bytes * 2} hex digits, got ${JSON.stringify(digits)}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)).reverse();
}
