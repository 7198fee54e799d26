import type { MonitoredMeter } from '@openami/contract';

/** Alarm kinds that say a meter cannot be reached: its own silence, or its terminal's. */
const OFFLINE_KINDS: ReadonlySet<string> = new Set(['meter-unreachable', 'terminal-offline']);

export interface Connectivity {
  /** Answered the station and nothing says it has stopped. */
  readonly online: number;
  /** Its open alarms say it (or its terminal) does not answer. */
  readonly offline: number;
  /** Never heard from yet. */
  readonly unknown: number;
}

/** Online, offline and never-read meters of the monitoring view, judged from the open alarms, not a clock. */
export function connectivity(meters: readonly Pick<MonitoredMeter, 'alarms' | 'lastReadAt'>[]): Connectivity {
  let online = 0;
  let offline = 0;
  let unknown = 0;
  for (const meter of meters) {
    if (meter.alarms.some((alarm) => OFFLINE_KINDS.has(alarm.kind))) offline++;
    else if (meter.lastReadAt === null) unknown++;
    else online++;
  }
  return { online, offline, unknown };
}
