// When a message to a person may go: at most so many per recipient in a window, at most so many about the
// same alarm, and none to residents in quiet hours unless its kind is urgent enough to bypass them. Pure
// functions of the clock and the recipient's history, so every rule is tested without waiting.
import { addDays, fromLocal, localDate, localParts } from '@openami/domain';

export interface RateLimit {
  readonly count: number;
  readonly windowMs: number;
}

export interface QuietHours {
  /** Minutes after local midnight the quiet starts and ends; start after end spans midnight. */
  readonly fromMinute: number;
  readonly toMinute: number;
}

export interface NotificationPolicy {
  /** Messages any one phone number or address may get in a window. */
  readonly perRecipient: RateLimit;
  /** Messages about the same alarm kind and object one recipient may get in a window. */
  readonly perAlarm: RateLimit;
  /** Residents hear nothing in these hours; undefined: no quiet hours. */
  readonly quietHours: QuietHours | undefined;
  /** Alarm kinds that reach residents in quiet hours too. */
  readonly quietBypass: ReadonlySet<string>;
  readonly timeZone: string;
  /** Local hour (0–23) staff digests go out. */
  readonly digestHour: number;
}

const HOUR = 3_600_000;

export const defaultNotificationPolicy: NotificationPolicy = Object.freeze({
  perRecipient: { count: 5, windowMs: HOUR },
  perAlarm: { count: 1, windowMs: HOUR },
  quietHours: { fromMinute: 22 * 60, toMinute: 7 * 60 },
  // Power is off, or someone is at the meter: worth waking for.
  quietBypass: new Set(['balance-exhausted', 'relay-tripped', 'cover-open', 'terminal-cover-open']),
  timeZone: 'Asia/Shanghai',
  digestHour: 8,
});

export type HoldReason = 'quiet-hours' | 'rate-limit' | 'repeat';
export type GateDecision =
  | { readonly kind: 'send' }
  | { readonly kind: 'hold'; readonly reason: HoldReason; readonly untilMs: number };

/** What the gate knows of a message. */
export interface GatedMessage {
  readonly audience: 'resident' | 'staff';
  /** The alarm kind it is about; undefined for summaries. */
  readonly alarmKind: string | undefined;
  /** A summary's alarm kinds: it goes in quiet hours only if every one of them may. */
  readonly foldedKinds?: readonly (string | undefined)[];
}

/** When recent messages were let through, oldest first: to the recipient, and to it about this alarm. */
export interface RecipientHistory {
  readonly toRecipient: readonly number[];
  readonly aboutAlarm: readonly number[];
}

/** The end of the quiet hours `nowMs` falls in, or undefined outside them. */
export function quietUntil(
  nowMs: number,
  quiet: QuietHours | undefined,
  timeZone: string,
): number | undefined {
  if (quiet === undefined || quiet.fromMinute === quiet.toMinute) return undefined;
  const local = localParts(nowMs, timeZone);
  const minute = local.hour * 60 + local.minute;
  const spansMidnight = quiet.fromMinute > quiet.toMinute;
  const inside = spansMidnight
    ? minute >= quiet.fromMinute || minute < quiet.toMinute
    : minute >= quiet.fromMinute && minute < quiet.toMinute;
  if (!inside) return undefined;
  const today = localDate(nowMs, timeZone);
  const endDate = spansMidnight && minute >= quiet.fromMinute ? addDays(today, 1) : today;
  const [year, month, day] = endDate.split('-').map(Number) as [number, number, number];
  return fromLocal(
    { year, month, day, hour: Math.floor(quiet.toMinute / 60), minute: quiet.toMinute % 60 },
    timeZone,
  );
}

/** When one more message fits a window already holding `admitted` (oldest first), or undefined if it fits now. */
export function windowFrees(
  admitted: readonly number[],
  limit: RateLimit,
  nowMs: number,
): number | undefined {
  const inWindow = admitted.filter((at) => at > nowMs - limit.windowMs);
  if (inWindow.length < limit.count) return undefined;
  // The oldest message that must leave the window before one more fits.
  const leaving = inWindow[inWindow.length - limit.count] as number;
  return leaving + limit.windowMs;
}

/** Whether a message may go to its person now, or until when it is held and why. */
export function gate(
  message: GatedMessage,
  history: RecipientHistory,
  nowMs: number,
  policy: NotificationPolicy,
): GateDecision {
  const kinds = message.alarmKind !== undefined ? [message.alarmKind] : (message.foldedKinds ?? []);
  const bypass =
    kinds.length > 0 && kinds.every((kind) => kind !== undefined && policy.quietBypass.has(kind));
  if (message.audience === 'resident' && !bypass) {
    const until = quietUntil(nowMs, policy.quietHours, policy.timeZone);
    if (until !== undefined) return { kind: 'hold', reason: 'quiet-hours', untilMs: until };
  }
  if (message.alarmKind !== undefined) {
    const until = windowFrees(history.aboutAlarm, policy.perAlarm, nowMs);
    if (until !== undefined) return { kind: 'hold', reason: 'repeat', untilMs: until };
  }
  const until = windowFrees(history.toRecipient, policy.perRecipient, nowMs);
  if (until !== undefined) return { kind: 'hold', reason: 'rate-limit', untilMs: until };
  return { kind: 'send' };
}

/**
 * The digest due at `nowMs`, if the local digest hour has come: the local day it is for and the 24 hours it
 * covers (from yesterday's digest hour to today's).
 */
export function digestPeriod(
  nowMs: number,
  policy: Pick<NotificationPolicy, 'digestHour' | 'timeZone'>,
): { day: string; fromMs: number; toMs: number } | undefined {
  const day = localDate(nowMs, policy.timeZone);
  const at = (date: string) => {
    const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
    return fromLocal({ year, month, day: dayOfMonth, hour: policy.digestHour }, policy.timeZone);
  };
  const toMs = at(day);
  if (nowMs < toMs) return undefined;
  return { day, fromMs: at(addDays(day, -1)), toMs };
}
