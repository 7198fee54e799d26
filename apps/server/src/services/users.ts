import { type Role, scopeIncludes } from '@openami/domain';
import type { Page, PageRequest, Repositories, Store, UserRow, UserSort } from '@openami/storage';
import { hashPassword, minPasswordLength } from '../auth/passwords.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { changes, recordAudit } from './audit.ts';
import { presentUser } from './sessions.ts';

export interface NewUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Role;
  readonly allAreas: boolean;
  readonly areaIds: readonly number[];
  readonly locale: 'zh-CN' | 'en';
}
export interface UserUpdate {
  readonly displayName?: string;
  readonly password?: string;
  readonly role?: Role;
  readonly allAreas?: boolean;
  readonly areaIds?: readonly number[];
  readonly locale?: 'zh-CN' | 'en';
  readonly disabled?: boolean;
  /** Turns the user's TOTP second factor off (a lost phone and recovery codes). */
  readonly resetSecondFactor?: true;
}

export type UserView = ReturnType<typeof presentUser>;

/** Who performs a user change: an API caller, or the operator at the console (`openami user add`). */
export type UserAdminActor = Pick<ServiceContext, 'principal' | 'sourceIp' | 'now'>;

function requirePassword(password: string): void {
  if (password.length < minPasswordLength) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'password',
      problem: `must be at least ${minPasswordLength} characters`,
    });
  }
}

/** A user may hand out only areas it may act on itself, and "every area" only if it has that. */
async function requireGrantable(
  repos: Repositories,
  principal: Principal,
  allAreas: boolean | undefined,
  areaIds: readonly number[] | undefined,
): Promise<void> {
  if (allAreas === true && principal.scope.kind !== 'all') throw new AppError('AREA_FORBIDDEN');
  if (areaIds === undefined) return;
  const areas = await repos.areas.getMany(areaIds);
  for (const id of areaIds) {
    const area = areas.find((a) => a.id === id);
    if (area === undefined) throw new AppError('BAD_REFERENCE', { entity: 'area', id });
    if (!scopeIncludes(principal.scope, area.path)) throw new AppError('AREA_FORBIDDEN');
  }
}

export async function addUser(store: Store, actor: UserAdminActor, input: NewUserInput): Promise<UserView> {
  requirePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    await requireGrantable(tx, actor.principal, input.allAreas, input.areaIds);
    if ((await tx.users.getByUsername(input.username)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'user', username: input.username });
    }
    const { password: _secret, areaIds, ...fields } = input;
    const user = await tx.users.create({ ...fields, passwordHash }, actor.now);
    await tx.users.setAreas(user.id, areaIds);
    await recordAudit(tx, actor, 'user.create', 'user', user.id, { ...fields, areaIds });
    return presentUser(user, areaIds);
  });
}

export async function getUser(context: ServiceContext, id: number): Promise<UserView> {
  const user = await context.store.users.get(id);
  if (user === undefined) throw new AppError('NOT_FOUND', { entity: 'user', id });
  const areaIds = await context.store.users.areaIds(id);
  // Seen only by those who could manage it: a user of some areas sees the users held within them.
  await requireGrantable(context.store, context.principal, user.allAreas === 1, areaIds);
  return presentUser(user, areaIds);
}

export async function listUsers(
  context: ServiceContext,
  page: PageRequest<UserSort>,
): Promise<Page<UserView>> {
  const result = await context.store.users.list(context.principal.scope, page);
  const items: UserView[] = [];
  for (const user of result.items) items.push(presentUser(user, await context.store.users.areaIds(user.id)));
  return { ...result, items };
}

export async function updateUser(context: ServiceContext, id: number, update: UserUpdate): Promise<UserView> {
  const before = await context.store.users.get(id);
  if (before === undefined) throw new AppError('NOT_FOUND', { entity: 'user', id });
  if (update.password !== undefined) requirePassword(update.password);
  const passwordHash = update.password === undefined ? undefined : await hashPassword(update.password);
  return context.store.transaction(async (tx) => {
    // An administrator of some areas manages only users held within those areas: otherwise it could reset
    // the password of a wider administrator and become it.
    await requireGrantable(tx, context.principal, before.allAreas === 1, await tx.users.areaIds(id));
    await requireGrantable(tx, context.principal, update.allAreas, update.areaIds);
    const { password: _secret, areaIds, disabled, resetSecondFactor, ...fields } = update;
    const patch = {
      ...fields,
      ...(disabled === undefined ? {} : { disabled: disabled ? 1 : 0 }),
      ...(passwordHash === undefined ? {} : { passwordHash }),
    };
    const after: UserRow | undefined = await tx.users.update(id, patch, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'user', id });
    if (areaIds !== undefined) await tx.users.setAreas(id, areaIds);
    if (resetSecondFactor === true) await tx.secondFactors.removeTotp(id);
    // A new password, a disabled account or a second factor reset ends every session: a stolen cookie stops
    // working at once.
    if (passwordHash !== undefined || disabled === true || resetSecondFactor === true) {
      await tx.sessions.deleteForUser(id);
    }
    const { passwordHash: _hash, ...visible } = patch;
    await recordAudit(tx, context, 'user.update', 'user', id, {
      ...changes(before, visible),
      ...(passwordHash === undefined ? {} : { password: 'changed' }),
      ...(resetSecondFactor === true ? { secondFactor: 'reset' } : {}),
      ...(areaIds === undefined ? {} : { areaIds }),
    });
    return presentUser(after, areaIds ?? (await tx.users.areaIds(id)));
  });
}
