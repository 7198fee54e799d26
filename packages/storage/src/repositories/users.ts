import type { AreaScope } from '@openami/domain';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { UsersTable } from '../database.ts';
import { type Page, type PageRequest, pageOf } from '../paging.ts';
import { areaUnderAny } from '../scope-filter.ts';
import type { Executor } from './executor.ts';

export type UserRow = Selectable<UsersTable>;
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: string;
  readonly allAreas: boolean;
  readonly locale: string;
}
export type UserPatch = Partial<
  Pick<UserRow, 'displayName' | 'passwordHash' | 'role' | 'locale' | 'disabled'>
> & {
  readonly allAreas?: boolean;
};
export type UserSort = 'id' | 'username' | 'role';

export class UserRepository {
  readonly #x: Executor;
  constructor(executor: Executor) {
    this.#x = executor;
  }

  create(user: NewUser, now: number): Promise<UserRow> {
    return this.#x.db
      .insertInto('users')
      .values({
        ...user,
        allAreas: user.allAreas ? 1 : 0,
        disabled: 0,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  get(id: number): Promise<UserRow | undefined> {
    return this.#x.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByUsername(username: string): Promise<UserRow | undefined> {
    return this.#x.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.#x.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  update(id: number, patch: UserPatch, now: number): Promise<UserRow | undefined> {
    const { allAreas, ...rest } = patch;
    return this.#x.db
      .updateTable('users')
      .set({ ...rest, ...(allAreas === undefined ? {} : { allAreas: allAreas ? 1 : 0 }), updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async areaIds(userId: number): Promise<number[]> {
    const rows = await this.#x.db
      .selectFrom('userAreas')
      .select('areaId')
      .where('userId', '=', userId)
      .execute();
    return rows.map((r) => r.areaId);
  }

  /** The materialised paths of the user's areas, for building its scope. */
  async areaPaths(userId: number): Promise<string[]> {
    const rows = await this.#x.db
      .selectFrom('userAreas')
      .innerJoin('areas', 'areas.id', 'userAreas.areaId')
      .select('areas.path')
      .where('userAreas.userId', '=', userId)
      .execute();
    return rows.map((r) => r.path);
  }

  async setAreas(userId: number, areaIds: readonly number[]): Promise<void> {
    await this.#x.db.deleteFrom('userAreas').where('userId', '=', userId).execute();
    if (areaIds.length === 0) return;
    await this.#x.db
      .insertInto('userAreas')
      .values([...new Set(areaIds)].map((areaId) => ({ userId, areaId })))
      .execute();
  }

  /**
   * Users as `scope` sees them: every user for a user of every area; otherwise the users whose areas all lie
   * within the scope (an administrator of some areas sees and manages only the users held within them).
   */
  async list(scope: AreaScope, page: PageRequest<UserSort>): Promise<Page<UserRow>> {
    let query = this.#x.db.selectFrom('users');
    if (scope.kind !== 'all') {
      query = query.where('allAreas', '=', 0).where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('userAreas as ua')
              .select('ua.userId')
              .whereRef('ua.userId', '=', 'users.id')
              .where(sql<boolean>`not (${areaUnderAny('ua.areaId', scope.paths)})`),
          ),
        ),
      );
    }
    return pageOf(query, page, (q) =>
      q
        .selectAll()
        .orderBy(page.sort, page.direction)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    );
  }
}
