import type { Selectable } from 'kysely';
import type { SignInChallengesTable, UserTotpTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type TotpRow = Selectable<UserTotpTable>;
export type SignInChallengeRow = Selectable<SignInChallengesTable>;

/** Users' TOTP secrets, their recovery codes (hashed), and the second step of sign-ins under way. */
export class SecondFactorRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  totp(userId: number): Promise<TotpRow | undefined> {
    return this.#x.db.selectFrom('userTotp').selectAll().where('userId', '=', userId).executeTakeFirst();
  }

  /** A new, unconfirmed secret, replacing any earlier unconfirmed one. */
  async startTotp(userId: number, secret: string, now: number): Promise<void> {
    await this.#x.db.deleteFrom('userTotp').where('userId', '=', userId).execute();
    await this.#x.db
      .insertInto('userTotp')
      .values({ userId, secret, confirmedAt: null, lastStep: 0, createdAt: now })
      .execute();
  }

  async confirmTotp(userId: number, now: number): Promise<void> {
    await this.#x.db.updateTable('userTotp').set({ confirmedAt: now }).where('userId', '=', userId).execute();
  }

  /**
   * Takes time step `step` as used, only if no later or equal step was: one conditional update, so two
   * sign-ins with the same code at the same time cannot both pass.
   */
  async useStep(userId: number, step: number): Promise<boolean> {
    const result = await this.#x.db
      .updateTable('userTotp')
      .set({ lastStep: step })
      .where('userId', '=', userId)
      .where('lastStep', '<', step)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async removeTotp(userId: number): Promise<void> {
    await this.#x.db.deleteFrom('userTotp').where('userId', '=', userId).execute();
    await this.#x.db.deleteFrom('userRecoveryCodes').where('userId', '=', userId).execute();
  }

  async setRecoveryCodes(userId: number, codeHashes: readonly string[]): Promise<void> {
    await this.#x.db.deleteFrom('userRecoveryCodes').where('userId', '=', userId).execute();
    if (codeHashes.length === 0) return;
    await this.#x.db
      .insertInto('userRecoveryCodes')
      .values(codeHashes.map((codeHash) => ({ userId, codeHash, usedAt: null })))
      .execute();
  }

  /** Spends a recovery code once; false when it is not one of the user's or was spent. */
  async useRecoveryCode(userId: number, codeHash: string, now: number): Promise<boolean> {
    const result = await this.#x.db
      .updateTable('userRecoveryCodes')
      .set({ usedAt: now })
      .where('userId', '=', userId)
      .where('codeHash', '=', codeHash)
      .where('usedAt', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async unusedRecoveryCodes(userId: number): Promise<number> {
    const row = await this.#x.db
      .selectFrom('userRecoveryCodes')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('userId', '=', userId)
      .where('usedAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  async createChallenge(challenge: SignInChallengeRow): Promise<void> {
    await this.#x.db.insertInto('signInChallenges').values(challenge).execute();
  }

  challenge(tokenHash: string, now: number): Promise<SignInChallengeRow | undefined> {
    return this.#x.db
      .selectFrom('signInChallenges')
      .selectAll()
      .where('tokenHash', '=', tokenHash)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
  }

  /** Counts a wrong code against the challenge (in the database) and returns the count. */
  async countChallengeAttempt(tokenHash: string): Promise<number> {
    const row = await this.#x.db
      .updateTable('signInChallenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('tokenHash', '=', tokenHash)
      .returning('attempts')
      .executeTakeFirst();
    return row === undefined ? Number.POSITIVE_INFINITY : Number(row.attempts);
  }

  async deleteExpiredChallenges(now: number): Promise<number> {
    const result = await this.#x.db
      .deleteFrom('signInChallenges')
      .where('expiresAt', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteChallenge(tokenHash: string): Promise<void> {
    await this.#x.db.deleteFrom('signInChallenges').where('tokenHash', '=', tokenHash).execute();
  }
}
