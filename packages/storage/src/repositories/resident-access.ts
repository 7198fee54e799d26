import { type Insertable, type Selectable, sql } from 'kysely';
import type { ResidentCodesTable, ResidentSessionsTable } from '../database.ts';
import type { AccountRow } from './accounts.ts';
import type { Executor } from './executor.ts';

export type ResidentCodeRow = Selectable<ResidentCodesTable>;
export type NewResidentCode = Omit<Insertable<ResidentCodesTable>, 'id' | 'attempts' | 'usedAt'>;
export type ResidentSessionRow = Selectable<ResidentSessionsTable>;

/**
 * How residents get in: one-time codes (requested, tried, used once) and the sessions they open. Nothing
 * here decides a limit; the sign-in service takes `lockRequests`, counts with `codesSince` and decides.
 */
export class ResidentAccessRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  /** The open account with this number, if any. */
  openAccount(accountNo: string): Promise<AccountRow | undefined> {
    return this.#x.db
      .selectFrom('accounts')
      .selectAll()
      .where('accountNo', '=', accountNo)
      .where('state', '=', 'open')
      .executeTakeFirst();
  }

  /**
   * Serialises code requests for one account number and for one address until the transaction ends, so two
   * requests at once cannot both pass a limit the other would have tripped. PostgreSQL: two transaction-level
   * advisory locks, always the account number's before the address's (no two requests wait on each other in
   * a circle). SQLite: a write statement, which takes the database's write lock for the transaction.
   */
  async lockRequests(accountNo: string, sourceIp: string): Promise<void> {
    if (this.#x.engine === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext(${`resident-code:account:${accountNo}`}))`.execute(
        this.#x.db,
      );
      await sql`select pg_advisory_xact_lock(hashtext(${`resident-code:address:${sourceIp}`}))`.execute(
        this.#x.db,
      );
      return;
    }
    await this.#x.db
      .updateTable('residentCodes')
      .set((eb) => ({ attempts: eb.ref('attempts') }))
      .where('id', '=', -1)
      .execute();
  }

  async recordCode(code: NewResidentCode): Promise<ResidentCodeRow> {
    return this.#x.db
      .insertInto('residentCodes')
      .values({ ...code, attempts: 0, usedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * When codes were requested since `since`, oldest first: for one account number (and, given one, the phone
   * number typed with it), or from one address.
   */
  async codesSince(
    by: { accountNo: string; phone?: string } | { sourceIp: string },
    since: number,
  ): Promise<number[]> {
    let query = this.#x.db.selectFrom('residentCodes').select('createdAt').where('createdAt', '>=', since);
    if ('accountNo' in by) {
      query = query.where('accountNo', '=', by.accountNo);
      if (by.phone !== undefined) query = query.where('phone', '=', by.phone);
    } else {
      query = query.where('sourceIp', '=', by.sourceIp);
    }
    const rows = await query.orderBy('createdAt').execute();
    return rows.map((r) => Number(r.createdAt));
  }

  /**
   * The codes sent for an account number that are neither used nor expired, newest first. A later request
   * does not cancel an earlier code: each stays good until it is used, runs out of tries or expires. Requests
   * that matched no phone on the account (`account_id` null) hold no code anyone was sent and are left out.
   */
  liveCodes(accountNo: string, now: number, limit = 10): Promise<ResidentCodeRow[]> {
    return this.#x.db
      .selectFrom('residentCodes')
      .selectAll()
      .where('accountNo', '=', accountNo)
      .where('accountId', 'is not', null)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * Counts one try of a code, unless it has had `maxAttempts` already: a conditional update, so two tries at
   * once cannot both slip under the limit. False when no try is left.
   */
  async countAttempt(id: number, maxAttempts: number): Promise<boolean> {
    const row = await this.#x.db
      .updateTable('residentCodes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('attempts', '<', maxAttempts)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Marks a code used; false when it was used already (a code opens one session, once). */
  async useCode(id: number, now: number): Promise<boolean> {
    const row = await this.#x.db
      .updateTable('residentCodes')
      .set({ usedAt: now })
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async createSession(session: ResidentSessionRow): Promise<void> {
    await this.#x.db.insertInto('residentSessions').values(session).execute();
  }

  /** The live session and its account number, or undefined when unknown, expired or the account closed. */
  findSession(tokenHash: string, now: number) {
    return this.#x.db
      .selectFrom('residentSessions')
      .innerJoin('accounts', 'accounts.id', 'residentSessions.accountId')
      .select([
        'residentSessions.tokenHash',
        'residentSessions.csrfToken',
        'residentSessions.expiresAt',
        'accounts.id as accountId',
        'accounts.accountNo',
      ])
      .where('residentSessions.tokenHash', '=', tokenHash)
      .where('residentSessions.expiresAt', '>', now)
      .where('accounts.state', '=', 'open')
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#x.db.deleteFrom('residentSessions').where('tokenHash', '=', tokenHash).execute();
  }

  /** Forgets expired sessions, and codes past their expiry by more than `keepCodesMs` (the limits' window). */
  async deleteExpired(now: number, keepCodesMs: number): Promise<number> {
    const sessions = await this.#x.db
      .deleteFrom('residentSessions')
      .where('expiresAt', '<=', now)
      .executeTakeFirst();
    const codes = await this.#x.db
      .deleteFrom('residentCodes')
      .where('expiresAt', '<=', now - keepCodesMs)
      .executeTakeFirst();
    return Number(sessions.numDeletedRows) + Number(codes.numDeletedRows);
  }
}
