import type { Selectable } from 'kysely';
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
    let added = 0;
    // A few hundred rows a statement: well within both engines' limits on bound parameters.
    for (let start = 0; start < messages.length; start += 500) {
      const inserted = await this.#x.db
        .insertInto('notifications')
        .values(
          messages.slice(start, start + 500).map((m) => ({
            dedupeKey: m.dedupeKey,
            alarmId: m.alarmId,
            channel: m.channel,
            recipient: m.recipient,
            body: JSON.stringify(m.body),
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            createdAt: now,
          })),
        )
        .onConflict((oc) => oc.column('dedupeKey').doNothing())
        .returning('id')
        .execute();
      added += inserted.length;
    }
    return added;
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

  /** Records an attempt and its answer; delivered, or due again at `retryAt`, or given up (`retryAt` null). */
  async recordAttempt(
    id: number,
    outcome: { ok: boolean; answer: string; retryAt: number | null },
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
        ...(outcome.ok
          ? { state: 'delivered', deliveredAt: now, lastError: null }
          : outcome.retryAt === null
            ? { state: 'failed', lastError: outcome.answer.slice(0, 500) }
            : { state: 'pending', nextAttemptAt: outcome.retryAt, lastError: outcome.answer.slice(0, 500) }),
      }))
      .where('id', '=', id)
      .execute();
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
