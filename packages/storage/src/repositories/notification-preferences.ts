import type { Selectable } from 'kysely';
import type { NotificationPreferencesTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type NotificationPreferenceRow = Selectable<NotificationPreferencesTable>;
export type NotificationDelivery = 'each' | 'digest' | 'off';
export interface NotificationPreference {
  readonly email: string | null;
  readonly delivery: NotificationDelivery;
}
/** A staff user who takes alarm e-mail, with what the notifier needs to pick the alarms of their areas. */
export interface StaffRecipient {
  readonly userId: number;
  readonly username: string;
  readonly locale: string;
  readonly email: string;
  readonly delivery: 'each' | 'digest';
  readonly allAreas: boolean;
  /** Materialised paths of the user's areas (empty with `allAreas`). */
  readonly areaPaths: readonly string[];
}

/** Staff users' choices for alarm notifications, one row a user. */
export class NotificationPreferenceRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  get(userId: number): Promise<NotificationPreferenceRow | undefined> {
    return this.#x.db
      .selectFrom('notificationPreferences')
      .selectAll()
      .where('userId', '=', userId)
      .executeTakeFirst();
  }

  /** Sets a user's preference; `by` is who changed it (the user, or an administrator). */
  async set(
    userId: number,
    preference: NotificationPreference,
    by: number | null,
    now: number,
  ): Promise<NotificationPreferenceRow> {
    const values = { ...preference, updatedAt: now, updatedBy: by };
    return this.#x.db
      .insertInto('notificationPreferences')
      .values({ userId, ...values })
      .onConflict((oc) => oc.column('userId').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Enabled users with an address who take e-mail one by one or as a digest. */
  async staffRecipients(): Promise<StaffRecipient[]> {
    const rows = await this.#x.db
      .selectFrom('notificationPreferences as p')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select(['u.id', 'u.username', 'u.locale', 'u.allAreas', 'p.email', 'p.delivery'])
      .where('u.disabled', '=', 0)
      .where('p.email', 'is not', null)
      .where('p.delivery', 'in', ['each', 'digest'])
      .orderBy('u.id')
      .execute();
    const paths = await this.#x.db
      .selectFrom('userAreas as ua')
      .innerJoin('areas as a', 'a.id', 'ua.areaId')
      .select(['ua.userId', 'a.path'])
      .where('ua.userId', 'in', rows.length === 0 ? [0] : rows.map((r) => r.id))
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      username: r.username,
      locale: r.locale,
      // Not null: filtered above.
      email: r.email as string,
      delivery: r.delivery as 'each' | 'digest',
      allAreas: r.allAreas === 1,
      areaPaths: r.allAreas === 1 ? [] : paths.filter((p) => p.userId === r.id).map((p) => p.path),
    }));
  }
}
