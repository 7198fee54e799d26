// The monitoring view's colour of a meter (002 §2.8): red for a fault, yellow for an alarm, green otherwise;
// grey while the station has never heard from it, so an unread meter does not pass for a healthy one.
import { type AlarmKind, alarmKinds, alarmRules } from '@openami/domain';

export type PointColour = 'green' | 'yellow' | 'red' | 'grey';

/**
 * What the colour is judged from: the meter's archive state, the open alarms on it and its port, and whether
 * it was ever read (it answered the collector, or a reading of it is stored).
 */
export interface ColourInput {
  readonly meterState: string;
  readonly everRead: boolean;
  readonly alarms: readonly { readonly kind: string; readonly severity: string }[];
}

const knownKinds: ReadonlySet<string> = new Set(alarmKinds);

/**
 * Red: a fault, i.e. the meter is marked faulty in the archive, or an open alarm whose kind is a fault
 * (unreachable, terminal offline, weak port, register backwards: `alarmRules[kind].colour`). Yellow: any
 * other open alarm, however severe (a cover opened is an alarm to act on at once, but the meter still
 * meters and answers). Green: nothing open and read at least once; grey: nothing open but never read, its
 * state unknown. The colour follows the kind, not the severity a site may have set for it.
 */
export function pointColour(input: ColourInput): PointColour {
  if (input.meterState === 'faulty') return 'red';
  let colour: PointColour = 'green';
  for (const alarm of input.alarms) {
    const kindColour = knownKinds.has(alarm.kind) ? alarmRules[alarm.kind as AlarmKind].colour : 'yellow';
    if (kindColour === 'red') return 'red';
    colour = 'yellow';
  }
  return colour === 'green' && !input.everRead ? 'grey' : colour;
}
