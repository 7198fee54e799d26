import type { Selectable } from 'kysely';
import { inChunks } from '../chunks.ts';
import type { NotificationAttemptsTable, NotificationsTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationAttemptRow = Selectable<NotificationAttemptsTable>;
export interface NewNotification {
  readonly dedupeKey: string;
  readonly alarmId: number | null;
  readonly channel: string;
  readonly recipient: string;
  readonly body: unknown;
  /** `resident` or `staff`. */
  readonly audience?: string;
  /** `alarm:<kind>:<objectType>:<objectId>`, `summary`, `digest`: see `NotificationsTable.topic`. */
  readonly topic?: string;
}

/**
 * The notification outbox. Workers lease due messages (a conditional update, so two workers never take the
 * same one); a lease that runs out (its worker stopped) makes the message due again.
 */
export class NotificationRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  /** Queues messages; those whose dedupe key is already queued are left as they are. Returns how many are new. */
  async enqueue(messages: readonly NewNotification[], now: number): Promise<number> {
    const added = await inChunks(messages, (chunk) =>
      this.#x.db
        .insertInto('notifications')
        .values(
          chunk.map((m) => ({
            dedupeKey: m.dedupeKey,
            alarmId: m.alarmId,
            channel: m.channel,
            recipient: m.recipient,
            body: JSON.stringify(m.body),
            audience: m.audience ?? null,
            topic: m.topic ?? null,
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            createdAt: now,
          })),
        )
        .onConflict((oc) => oc.column('dedupeKey').doNothing())
        .returning('id')
        .execute(),
    );
    return added.length;
  }

  /** Takes up to `limit` due messages for `leaseMs`. */
  async lease(now: number, leaseMs: number, limit: number): Promise<NotificationRow[]> {
    const due = await this.#x.db
      .selectFrom('notifications')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('nextAttemptAt', '<=', now)]),
          eb.and([eb('state', '=', 'sending'), eb('leaseUntil', '<', now)]),
        ]),
      )
      .orderBy('id')
      .limit(limit)
      .execute();
    const leased: NotificationRow[] = [];
    for (const { id } of due) {
      const row = await this.#x.db
        .updateTable('notifications')
        .set({ state: 'sending', leaseUntil: now + leaseMs })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb('state', '=', 'pending'),
            eb.and([eb('state', '=', 'sending'), eb('leaseUntil', '<', now)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) leased.push(row);
    }
    return leased;
  }

  /**
   * Records an attempt and its answer; delivered, or due again at `retryAt`, or given up (`retryAt` null).
   * Given `body`, the message's body is replaced by it (a sign-in code's text is not kept once sent).
   */
  async recordAttempt(
    id: number,
    outcome: { ok: boolean; answer: string; retryAt: number | null; body?: unknown },
    now: number,
  ): Promise<void> {
    await this.#x.db
      .insertInto('notificationAttempts')
      .values({ notificationId: id, at: now, ok: outcome.ok ? 1 : 0, answer: outcome.answer.slice(0, 2000) })
      .execute();
    await this.#x.db
      .updateTable('notifications')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        leaseUntil: null,
        ...(outcome.body === undefined ? {} : { body: JSON.stringify(outcome.body) }),
        ...(outcome.ok
          ? { state: 'delivered', deliveredAt: now, lastError: null }
          : outcome.retryAt === null
            ? { state: 'failed', lastError: outcome.answer.slice(0, 500) }
            : { state: 'pending', nextAttemptAt: outcome.retryAt, lastError: outcome.answer.slice(0, 500) }),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Marks a leased message let through by the rate limits: from now it counts against its recipient. */
  async admit(id: number, now: number): Promise<void> {
    await this.#x.db.updateTable('notifications').set({ admittedAt: now }).where('id', '=', id).execute();
  }

  /** When messages to a recipient (and, given a topic, about it) were let through since `since`, oldest first. */
  async admittedSince(
    recipient: { channel: string; recipient: string; topic?: string },
    since: number,
  ): Promise<number[]> {
    let query = this.#x.db
      .selectFrom('notifications')
      .select('admittedAt')
      .where('recipient', '=', recipient.recipient)
      .where('channel', '=', recipient.channel)
      .where('admittedAt', '>=', since);
    if (recipient.topic !== undefined) query = query.where('topic', '=', recipient.topic);
    const rows = await query.orderBy('admittedAt').execute();
    return rows.map((r) => Number(r.admittedAt));
  }

  /** Keeps a leased message back until `until`, recording why; it is not lost, only held. */
  async hold(id: number, reason: string, until: number): Promise<void> {
    await this.#x.db
      .updateTable('notifications')
      .set({ state: 'held', holdReason: reason, nextAttemptAt: until, leaseUntil: null })
      .where('id', '=', id)
      .execute();
  }

  /** The recipients with a held message whose time has come. */
  async heldDue(now: number, limit: number): Promise<{ channel: string; recipient: string }[]> {
    return this.#x.db
      .selectFrom('notifications')
      .select(['channel', 'recipient'])
      .distinct()
      .where('state', '=', 'held')
      .where('nextAttemptAt', '<=', now)
      .orderBy('channel')
      .orderBy('recipient')
      .limit(limit)
      .execute();
  }

  /** Every message held for a recipient, oldest first. */
  held(recipient: { channel: string; recipient: string }): Promise<NotificationRow[]> {
    return this.#x.db
      .selectFrom('notifications')
      .selectAll()
      .where('state', '=', 'held')
      .where('channel', '=', recipient.channel)
      .where('recipient', '=', recipient.recipient)
      .orderBy('id')
      .execute();
  }

  /** Lets a held message go again (it meets the limits afresh). False if another worker took it. */
  async release(id: number, now: number): Promise<boolean> {
    const released = await this.#x.db
      .updateTable('notifications')
      .set({ state: 'pending', nextAttemptAt: now })
      .where('id', '=', id)
      .where('state', '=', 'held')
      .returning('id')
      .executeTakeFirst();
    return released !== undefined;
  }

  /**
   * Folds held messages into one summary, queued in their place; each is marked `folded` with the summary's
   * id. Those another worker already took are left out; run it in a transaction so the claim and the
   * summary land together. Returns the summary, or undefined when nothing was left to fold.
   */
  async fold(
    ids: readonly number[],
    summary: (folded: readonly NotificationRow[]) => NewNotification,
    now: number,
  ): Promise<NotificationRow | undefined> {
    if (ids.length === 0) return undefined;
    const claimed = await this.#x.db
      .updateTable('notifications')
      .set({ state: 'folded', leaseUntil: null })
      .where('id', 'in', ids)
      .where('state', '=', 'held')
      .returningAll()
      .execute();
    if (claimed.length === 0) return undefined;
    claimed.sort((a, b) => a.id - b.id);
    const message = summary(claimed);
    await this.enqueue([message], now);
    const row = await this.#x.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupeKey', '=', message.dedupeKey)
      .executeTakeFirstOrThrow();
    await this.#x.db
      .updateTable('notifications')
      .set({ foldedInto: row.id })
      .where(
        'id',
        'in',
        claimed.map((c) => c.id),
      )
      .execute();
    return row;
  }

  get(id: number): Promise<NotificationRow | undefined> {
    return this.#x.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  attempts(id: number): Promise<NotificationAttemptRow[]> {
    return this.#x.db
      .selectFrom('notificationAttempts')
      .selectAll()
      .where('notificationId', '=', id)
      .orderBy('id')
      .execute();
  }

  /** How many messages are in each state. */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.#x.db
      .selectFrom('notifications')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** The messages sent for an alarm, oldest first. */
  ofAlarm(alarmId: number): Promise<NotificationRow[]> {
    return this.#x.db
      .selectFrom('notifications')
      .selectAll()
      .where('alarmId', '=', alarmId)
      .orderBy('id')
      .execute();
  }
}
