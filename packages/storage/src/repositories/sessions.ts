import type { Selectable } from 'kysely';
import type { SessionsTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type SessionRow = Selectable<SessionsTable>;
export type SessionKind = 'cookie' | 'bearer';
/** `enrol`: the user must enrol a second factor before anything else. */
export type SessionStage = 'full' | 'enrol';

/** Sessions and bearer tokens, stored by the SHA-256 of the token (the server hashes before calling). */
export class SessionRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(session: Omit<SessionRow, 'lastSeenAt' | 'stage'> & { stage?: SessionStage }): Promise<void> {
    await this.#x.db
      .insertInto('sessions')
      .values({ ...session, lastSeenAt: session.createdAt })
      .execute();
  }

  /** The live session for a token hash, or undefined when unknown or expired. */
  find(tokenHash: string, now: number): Promise<SessionRow | undefined> {
    return this.#x.db
      .selectFrom('sessions')
      .selectAll()
      .where('tokenHash', '=', tokenHash)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
  }

  /** The live session and its user in one round trip: every authenticated request starts here. */
  findWithUser(tokenHash: string, now: number) {
    return this.#x.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select([
        'sessions.tokenHash',
        'sessions.kind',
        'sessions.csrfToken',
        'sessions.lastSeenAt',
        'sessions.createdAt',
        'sessions.stage',
        'users.id as userId',
        'users.username',
        'users.role',
        'users.allAreas',
        'users.disabled',
      ])
      .where('sessions.tokenHash', '=', tokenHash)
      .where('sessions.expiresAt', '>', now)
      .executeTakeFirst();
  }

  async touch(tokenHash: string, now: number, expiresAt: number): Promise<void> {
    await this.#x.db
      .updateTable('sessions')
      .set({ lastSeenAt: now, expiresAt })
      .where('tokenHash', '=', tokenHash)
      .execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.#x.db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
  }

  /** A user's bearer tokens, newest first; the hash identifies a token without revealing it. */
  bearerTokens(userId: number, now: number): Promise<SessionRow[]> {
    return this.#x.db
      .selectFrom('sessions')
      .selectAll()
      .where('userId', '=', userId)
      .where('kind', '=', 'bearer')
      .where('expiresAt', '>', now)
      .orderBy('createdAt', 'desc')
      .execute();
  }

  async deleteBearerToken(userId: number, tokenHash: string): Promise<boolean> {
    const result = await this.#x.db
      .deleteFrom('sessions')
      .where('userId', '=', userId)
      .where('kind', '=', 'bearer')
      .where('tokenHash', '=', tokenHash)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async setStage(tokenHash: string, stage: SessionStage): Promise<void> {
    await this.#x.db.updateTable('sessions').set({ stage }).where('tokenHash', '=', tokenHash).execute();
  }

  /** Ends every session and bearer token of the user but the one named (the caller's own). */
  async deleteForUserExcept(userId: number, keepTokenHash: string): Promise<void> {
    await this.#x.db
      .deleteFrom('sessions')
      .where('userId', '=', userId)
      .where('tokenHash', '!=', keepTokenHash)
      .execute();
  }

  async deleteForUser(userId: number): Promise<void> {
    await this.#x.db.deleteFrom('sessions').where('userId', '=', userId).execute();
  }

  async deleteExpired(now: number): Promise<number> {
    const result = await this.#x.db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
