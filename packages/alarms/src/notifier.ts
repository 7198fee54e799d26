// Notifications of alarms: queued in the database (the outbox) the moment an alarm is raised, then sent by
// a worker through channels behind one interface, every attempt and answer recorded, retried with backoff.
// A worker that stops mid-send leaves its lease to run out; the next one sends again with the same delivery
// id, which receivers use to take each message once (the webhook's `X-OpenAMI-Delivery`).
//
// Messages to people (SMS, e-mail) first pass the policy's gate: a message over its recipient's rate limit,
// a repeat of the same alarm, or one to a resident in quiet hours is held, with the reason, until it may go;
// held messages that come due together go as one summary, and each is recorded as folded into it.
import type { NotificationRow, Store } from '@openami/storage';
import type { AlarmEvent } from './alarm-engine.ts';
import { alarmRecipients } from './alarm-recipients.ts';
import { alarmSubject } from './alarm-subject.ts';
import type { Channel, OutgoingMessage, SendResult } from './channel.ts';
import {
  defaultNotificationPolicy,
  digestPeriod,
  gate,
  type NotificationPolicy,
} from './notification-policy.ts';
import {
  alarmMessage,
  alarmTopic,
  type FoldedItem,
  kindOfTopic,
  type MessageBody,
  RESIDENT_CODE_TOPIC,
  residentCodeSentPlaceholder,
  summaryMessage,
} from './notification-text.ts';
import { staffDigest } from './staff-digest.ts';

export * from './channel.ts';

/** Channels that reach a person, to whom the rate limits and quiet hours apply. */
const PERSONAL_CHANNELS: ReadonlySet<string> = new Set(['sms', 'email']);
/**
 * Topics that pass the gate: a digest (one a day by construction) and a resident's sign-in code, which is
 * useless once held and is limited where it is requested (per account and per address).
 */
const UNGATED_TOPICS: ReadonlySet<string> = new Set(['digest', RESIDENT_CODE_TOPIC]);

export interface NotifierOptions {
  /** Channels by name: `log`, `webhook` (staff systems), `sms` (residents' phones), `email` (staff). */
  readonly channels: Readonly<Record<string, Channel>>;
  /** Rate limits, quiet hours, the digest hour (defaults: `defaultNotificationPolicy`). */
  readonly policy?: NotificationPolicy;
  readonly now?: () => number;
  /** How long a worker holds a message it is sending before another may take it. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly pollMs?: number;
  readonly onError?: (error: unknown) => void;
}

export class Notifier {
  private readonly store: Store;
  private readonly options: NotifierOptions;
  private readonly policy: NotificationPolicy;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> = Promise.resolve();
  private halted = false;
  /** The local day whose digests are queued (queuing again is harmless: one key a user a day). */
  private digestsQueuedFor: string | undefined;

  constructor(store: Store, options: NotifierOptions) {
    this.store = store;
    this.options = options;
    this.policy = options.policy ?? defaultNotificationPolicy;
  }

  /** Queues the messages an alarm event calls for: see `alarmRecipients`. */
  async alarmEvent(event: AlarmEvent): Promise<number> {
    if (event.kind !== 'raised') return 0;
    const alarm = event.alarm;
    const recipients = await alarmRecipients(this.store, alarm, new Set(Object.keys(this.options.channels)));
    if (recipients.length === 0) return 0;
    const body = alarmMessage(alarm, await alarmSubject(this.store, alarm));
    return this.store.notifications.enqueue(
      recipients.map((r) => ({
        dedupeKey: `alarm:${alarm.id}:${r.channel}:${r.recipient}`,
        alarmId: alarm.id,
        channel: r.channel,
        recipient: r.recipient,
        body,
        audience: r.audience,
        topic: alarmTopic(alarm),
      })),
      this.now(),
    );
  }

  start(): void {
    this.halted = false;
    const tick = () => {
      this.draining = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (!this.halted) this.timer = setTimeout(tick, this.options.pollMs ?? 250);
        });
    };
    tick();
  }

  /** Stops after the messages in hand are sent and recorded. */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Queues due digests, lets due held messages go, and sends every due message once. Returns how many went. */
  async drain(): Promise<number> {
    await this.queueDigests();
    await this.releaseHeld();
    let sent = 0;
    for (;;) {
      const batch = await this.store.notifications.lease(this.now(), this.options.leaseMs ?? 30_000, 50);
      if (batch.length === 0 || this.halted) return sent;
      // One at a time through the gate, so each sees the ones let through before it.
      const admitted: NotificationRow[] = [];
      for (const row of batch) if (await this.admit(row)) admitted.push(row);
      await Promise.all(admitted.map((row) => this.deliver(row)));
      sent += admitted.length;
    }
  }

  /** Lets a leased message go, or holds it with the reason. Messages let through once are not held again. */
  private async admit(row: NotificationRow): Promise<boolean> {
    if (!PERSONAL_CHANNELS.has(row.channel) || row.admittedAt !== null) return true;
    if (row.topic !== null && UNGATED_TOPICS.has(row.topic)) return true;
    const now = this.now();
    const to = { channel: row.channel, recipient: row.recipient };
    const alarmKind = kindOfTopic(row.topic);
    const history = {
      toRecipient: await this.store.notifications.admittedSince(to, now - this.policy.perRecipient.windowMs),
      aboutAlarm:
        alarmKind === undefined || row.topic === null
          ? []
          : await this.store.notifications.admittedSince(
              { ...to, topic: row.topic },
              now - this.policy.perAlarm.windowMs,
            ),
    };
    const items = (JSON.parse(row.body) as MessageBody).items;
    const decision = gate(
      {
        audience: row.audience === 'resident' ? 'resident' : 'staff',
        alarmKind,
        ...(items === undefined ? {} : { foldedKinds: items.map((item) => item.kind) }),
      },
      history,
      now,
      this.policy,
    );
    if (decision.kind === 'hold') {
      await this.store.notifications.hold(row.id, decision.reason, decision.untilMs);
      return false;
    }
    await this.store.notifications.admit(row.id, now);
    return true;
  }

  /** Held messages whose time has come: one alone goes again; several to one recipient go as one summary. */
  private async releaseHeld(): Promise<void> {
    const now = this.now();
    for (const to of await this.store.notifications.heldDue(now, 100)) {
      const due = (await this.store.notifications.held(to)).filter((row) => row.nextAttemptAt <= now);
      const [only] = due;
      if (only === undefined) continue;
      if (due.length === 1) {
        await this.store.notifications.release(only.id, now);
        continue;
      }
      await this.store.transaction((tx) =>
        tx.notifications.fold(
          due.map((row) => row.id),
          (folded) => ({
            dedupeKey: `fold:${folded[0]?.id}`,
            alarmId: null,
            channel: to.channel,
            recipient: to.recipient,
            body: summaryMessage(folded.flatMap(itemsOf)),
            audience: folded.some((row) => row.audience === 'resident') ? 'resident' : 'staff',
            topic: 'summary',
          }),
          now,
        ),
      );
    }
  }

  /** From the digest hour on, one digest a day to each staff member who chose it. */
  private async queueDigests(): Promise<void> {
    if (this.options.channels.email === undefined) return;
    const period = digestPeriod(this.now(), this.policy);
    if (period === undefined || period.day === this.digestsQueuedFor) return;
    const staff = (await this.store.notificationPreferences.staffRecipients()).filter(
      (s) => s.delivery === 'digest',
    );
    for (const member of staff) {
      const body = await staffDigest(this.store, member, period, this.policy.timeZone);
      await this.store.notifications.enqueue(
        [
          {
            dedupeKey: `digest:${member.userId}:${period.day}`,
            alarmId: null,
            channel: 'email',
            recipient: member.email,
            body,
            audience: 'staff',
            topic: 'digest',
          },
        ],
        this.now(),
      );
    }
    this.digestsQueuedFor = period.day;
  }

  private async deliver(row: NotificationRow): Promise<void> {
    const channel = this.options.channels[row.channel];
    const result: SendResult =
      channel === undefined
        ? { ok: false, answer: `no channel ${row.channel} is configured`, retryable: false }
        : await channel.send({
            id: row.id,
            recipient: row.recipient,
            ...(JSON.parse(row.body) as Omit<OutgoingMessage, 'id' | 'recipient'>),
          });
    const attempts = row.attempts + 1;
    const giveUp = !result.retryable || attempts >= (this.options.maxAttempts ?? 8);
    const now = this.now();
    await this.store.notifications.recordAttempt(
      row.id,
      {
        ok: result.ok,
        answer: result.answer,
        retryAt: result.ok || giveUp ? null : now + Math.min(60_000, 1000 * 2 ** attempts),
        // A sign-in code's digits leave the table once the message has gone or been given up.
        ...(row.topic === RESIDENT_CODE_TOPIC && (result.ok || giveUp)
          ? { body: residentCodeSentPlaceholder() }
          : {}),
      },
      now,
    );
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** What a held message contributes to a summary: itself, or what it had folded already. */
function itemsOf(row: NotificationRow): FoldedItem[] {
  const body = JSON.parse(row.body) as MessageBody;
  return body.items !== undefined
    ? [...body.items]
    : [{ id: row.id, kind: kindOfTopic(row.topic), text: body.text }];
}
