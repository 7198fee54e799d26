// A meter's read as the collection observer takes it: the values its rules look at (event counters, status
// word 3's relay bits, remaining energy) turned from DL/T 645 identifiers into the domain's plain data, beside
// the energy reading as stored. Knowing what an identifier means is the head-end's job, not the observer's.
import {
  type AlarmKind,
  type CoverStatus,
  kWhToWh,
  type MeterRead,
  type StoredEnergy,
  type TerminalPort,
} from '@openami/domain';
import type { StatusWord } from '@openami/protocol';
import type { MeterOutcome } from '../collect/collect-meter.ts';
import { combineReasons } from '../reasons.ts';

/** Event counters the status plan reads (DL/T 645-2007 A.5), by the alarm each increase raises. */
export const EVENT_COUNTERS: ReadonlyMap<number, AlarmKind> = new Map([
  [0x03110000, 'power-down'],
  [0x03300d00, 'cover-open'],
  [0x03300e00, 'terminal-cover-open'],
  [0x1d000001, 'relay-tripped'],
]);
/** Remaining energy of a prepaid meter, kWh (A.1). */
const REMAINING_ENERGY = 0x00900100;
/** Status word 3: relay state and prepaid alarm bits (A.5). */
const STATUS_WORD_3 = 0x04000503;
/** Status word 7: cover and terminal-cover open bits (A.5). */
const STATUS_WORD_7 = 0x04000507;

export function meterReadOf(
  outcome: MeterOutcome,
  collectedAt: number,
  stored: StoredEnergy | undefined,
  port?: TerminalPort,
): MeterRead {
  const eventCounts: Partial<Record<AlarmKind, number>> = {};
  for (const reading of outcome.readings) {
    const kind = EVENT_COUNTERS.get(reading.di);
    if (kind !== undefined && typeof reading.value === 'number') eventCounts[kind] = reading.value;
  }
  const remaining = outcome.readings.find((r) => r.di === REMAINING_ENERGY)?.value;
  const relay = relayOf(outcome.readings.find((r) => r.di === STATUS_WORD_3)?.value);
  const covers = coversOf(outcome.readings.find((r) => r.di === STATUS_WORD_7)?.value);
  return {
    meterId: outcome.meterId,
    answered: outcome.status !== 'unreachable',
    collectedAt,
    failureMessages: [...new Set(outcome.failures.map((f) => f.message))],
    failureReason: combineReasons(outcome.failures.map((f) => f.why)),
    ...(stored === undefined ? {} : { energy: stored }),
    ...(typeof remaining === 'number' ? { remainingEnergyWh: kWhToWh(remaining) } : {}),
    ...(Object.keys(eventCounts).length === 0 ? {} : { eventCounts }),
    ...(relay === undefined ? {} : { relay }),
    ...(covers === undefined ? {} : { covers }),
    ...(port === undefined ? {} : { port }),
  };
}

function relayOf(word: unknown): MeterRead['relay'] {
  if (word === null || typeof word !== 'object' || !('flags' in word)) return undefined;
  const { flags, raw } = word as StatusWord;
  return {
    raw,
    relayOpen: flags.relayOpen === true,
    relayCommandOpen: flags.relayCommandOpen === true,
    preTripAlarm: flags.preTripAlarm === true,
  };
}

function coversOf(word: unknown): CoverStatus | undefined {
  if (word === null || typeof word !== 'object' || !('flags' in word)) return undefined;
  const { flags } = word as StatusWord;
  return { coverOpen: flags.coverOpen === true, terminalCoverOpen: flags.terminalCoverOpen === true };
}
