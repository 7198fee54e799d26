import { type AlarmKind, alarmKinds } from '@openami/domain';
import { type Kind, ok, problem } from './kind.ts';

/** At most `count` messages in any window of `windowMs`. */
export interface RateLimit {
  readonly count: number;
  readonly windowMs: number;
}

/** Site-time minutes of the day; `fromMinute` > `toMinute` spans midnight. */
export interface QuietHours {
  readonly fromMinute: number;
  readonly toMinute: number;
}

const MINUTE = 60_000;
const WEEK_MINUTES = 7 * 24 * 60;

export const rate: Kind<RateLimit> = {
  type: '`messages/minutes`',
  parse: (raw) => {
    const match = /^(\d{1,4})\/(\d{1,5})$/.exec(raw);
    const count = Number(match?.[1]);
    const minutes = Number(match?.[2]);
    return match === null || count < 1 || minutes < 1 || minutes > WEEK_MINUTES
      ? problem('must be <messages>/<minutes>, for example 5/60')
      : ok({ count, windowMs: minutes * MINUTE });
  },
};

export const quietHours: Kind<QuietHours | undefined> = {
  type: '`HH:MM-HH:MM`, or `off`',
  parse: (raw) => {
    if (raw === 'off') return ok(undefined);
    const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
    if (match === null) return problem('must be HH:MM-HH:MM (site time) or off');
    const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
    return ok({ fromMinute: h1 * 60 + m1, toMinute: h2 * 60 + m2 });
  },
};

export const alarmKindSet: Kind<ReadonlySet<AlarmKind>> = {
  type: 'alarm kinds, comma-separated, or `none`',
  parse: (raw) => {
    if (raw === 'none') return ok(new Set());
    const kinds = raw.split(',').map((kind) => kind.trim());
    const unknown = kinds.filter((kind) => !(alarmKinds as readonly string[]).includes(kind));
    return unknown.length > 0
      ? problem(`not alarm kinds: ${unknown.join(', ')} (the kinds are ${alarmKinds.join(', ')})`)
      : ok(new Set(kinds as AlarmKind[]));
  },
};
