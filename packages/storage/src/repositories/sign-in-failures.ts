import type { Selectable } from 'kysely';
import type { SignInFailuresTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type SignInFailureRow = Selectable<SignInFailuresTable>;

/**
 * Failed sign-ins per (username as typed, source address). Counting is one statement, an upsert that adds
 * one in the database, so attempts at the same time are each counted (no read-then-write).
 */
export class SignInFailureRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  get(username: string, sourceIp: string): Promise<SignInFailureRow | undefined> {
    return this.#x.db
      .selectFrom('signInFailures')
      .selectAll()
      .where('username', '=', username)
      .where('sourceIp', '=', sourceIp)
      .executeTakeFirst();
  }

  /**
   * Counts one failure and returns the count; a count whose last failure is older than `forgetBefore`
   * starts again at one.
   */
  async count(username: string, sourceIp: string, now: number, forgetBefore: number): Promise<number> {
    const row = await this.#x.db
      .insertInto('signInFailures')
      .values({ username, sourceIp, failures: 1, lockedUntil: null, lastFailedAt: now })
      .onConflict((oc) =>
        oc.columns(['username', 'sourceIp']).doUpdateSet((eb) => ({
          failures: eb
            .case()
            .when('signInFailures.lastFailedAt', '<', forgetBefore)
            .then(1)
            .else(eb('signInFailures.failures', '+', 1))
            .end(),
          lastFailedAt: now,
        })),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  }

  /** Locks the pair until `until`, never shortening a longer lock set by an attempt at the same time. */
  async lock(username: string, sourceIp: string, until: number): Promise<void> {
    await this.#x.db
      .updateTable('signInFailures')
      .set({ lockedUntil: until })
      .where('username', '=', username)
      .where('sourceIp', '=', sourceIp)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', until)]))
      .execute();
  }

  /** A right password from this address clears its count. */
  async clear(username: string, sourceIp: string): Promise<void> {
    await this.#x.db
      .deleteFrom('signInFailures')
      .where('username', '=', username)
      .where('sourceIp', '=', sourceIp)
      .execute();
  }

  /** Forgets counts with no failure since `before` and no lock beyond `now`. */
  async deleteStale(before: number, now: number): Promise<number> {
    const result = await this.#x.db
      .deleteFrom('signInFailures')
      .where('lastFailedAt', '<', before)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
