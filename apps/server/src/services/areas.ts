import type { AreaFilter, AreaRow, AreaSort, Page, PageRequest } from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope } from '../policies/scope.ts';
import { changes, recordAudit } from './audit.ts';

export interface AreaInput {
  readonly parentId: number | null;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
}

export function listAreas(
  context: ServiceContext,
  filter: AreaFilter,
  page: PageRequest<AreaSort>,
): Promise<Page<AreaRow>> {
  return context.store.areas.list(context.principal.scope, filter, page);
}

export async function createArea(context: ServiceContext, input: AreaInput): Promise<AreaRow> {
  // A new top-level area widens the tree itself: only a user scoped to every area may add one.
  if (input.parentId === null) {
    if (context.principal.scope.kind !== 'all') throw new AppError('AREA_FORBIDDEN');
  } else {
    await areaInScope(context, input.parentId);
  }
  return context.store.transaction(async (tx) => {
    if ((await tx.areas.getByCode(input.code)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'area', code: input.code });
    }
    const area = await tx.areas.create(input, context.now);
    await recordAudit(tx, context, 'area.create', 'area', area.id, input);
    return area;
  });
}

export async function updateArea(
  context: ServiceContext,
  id: number,
  patch: Partial<AreaInput>,
): Promise<AreaRow | undefined> {
  const before = await areaInScope(context, id);
  const { parentId, ...fields } = patch;
  if (parentId !== undefined && parentId !== before.parentId) {
    if (parentId === null) {
      if (context.principal.scope.kind !== 'all') throw new AppError('AREA_FORBIDDEN');
    } else {
      const parent = await areaInScope(context, parentId);
      if (parent.path.startsWith(before.path)) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'parentId',
          problem: 'an area cannot move beneath itself',
        });
      }
    }
  }
  return context.store.transaction(async (tx) => {
    if (parentId !== undefined && parentId !== before.parentId)
      await tx.areas.move(id, parentId, context.now);
    const after = await tx.areas.update(id, fields, context.now);
    await recordAudit(tx, context, 'area.update', 'area', id, changes(before, patch));
    return after;
  });
}

export async function deleteArea(context: ServiceContext, id: number): Promise<void> {
  await areaInScope(context, id);
  await context.store.transaction(async (tx) => {
    await tx.areas.delete(id);
    await recordAudit(tx, context, 'area.delete', 'area', id);
  });
}
