import type {
  MeterTypeFields,
  MeterTypeRow,
  MeterTypeSort,
  Page,
  PageRequest,
  PriceTypeFields,
  PriceTypeRow,
  PriceTypeSort,
} from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { changes, recordAudit } from './audit.ts';

/**
 * Meter types and price types: set-up shared by every area (001 §2). Each change is a new version, so
 * nothing that pointed at the old one changes meaning.
 */
export async function getMeterType(context: ServiceContext, id: number) {
  const current = await context.store.meterTypes.get(id);
  if (current === undefined) throw new AppError('NOT_FOUND', { entity: 'meter type', id });
  return { ...current, versions: await context.store.meterTypes.versions(id) };
}

export function listMeterTypes(
  context: ServiceContext,
  page: PageRequest<MeterTypeSort>,
): Promise<Page<MeterTypeRow>> {
  return context.store.meterTypes.list(page);
}

export function createMeterType(context: ServiceContext, input: MeterTypeFields): Promise<MeterTypeRow> {
  requireCurrentRange(input);
  return context.store.transaction(async (tx) => {
    if ((await tx.meterTypes.getByCode(input.code)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'meter type', code: input.code });
    }
    const created = await tx.meterTypes.create(input, context.principal.userId, context.now);
    await recordAudit(tx, context, 'meterType.create', 'meterType', created.id, input);
    return created;
  });
}

export async function updateMeterType(
  context: ServiceContext,
  id: number,
  patch: Partial<MeterTypeFields>,
): Promise<MeterTypeRow> {
  const before = await getMeterType(context, id);
  requireCurrentRange({ ...before, ...patch });
  return context.store.transaction(async (tx) => {
    const after = await tx.meterTypes.update(id, patch, context.principal.userId, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'meter type', id });
    await recordAudit(tx, context, 'meterType.update', 'meterType', id, {
      version: after.version,
      ...changes(before, patch),
    });
    return after;
  });
}

function requireCurrentRange(type: Pick<MeterTypeFields, 'ratedCurrentMa' | 'maxCurrentMa'>): void {
  if (type.maxCurrentMa < type.ratedCurrentMa) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'maxCurrentMa',
      problem: 'must not be below the rated current',
    });
  }
}

export async function getPriceType(context: ServiceContext, id: number) {
  const current = await context.store.priceTypes.get(id);
  if (current === undefined) throw new AppError('NOT_FOUND', { entity: 'price type', id });
  return { ...current, versions: await context.store.priceTypes.versions(id) };
}

export function listPriceTypes(
  context: ServiceContext,
  page: PageRequest<PriceTypeSort>,
): Promise<Page<PriceTypeRow>> {
  return context.store.priceTypes.list(page);
}

export function createPriceType(context: ServiceContext, input: PriceTypeFields): Promise<PriceTypeRow> {
  return context.store.transaction(async (tx) => {
    if ((await tx.priceTypes.getByCode(input.code)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'price type', code: input.code });
    }
    const created = await tx.priceTypes.create(input, context.principal.userId, context.now);
    await recordAudit(tx, context, 'priceType.create', 'priceType', created.id, input);
    return created;
  });
}

export async function updatePriceType(
  context: ServiceContext,
  id: number,
  patch: Partial<PriceTypeFields>,
): Promise<PriceTypeRow> {
  const before = await getPriceType(context, id);
  return context.store.transaction(async (tx) => {
    const after = await tx.priceTypes.update(id, patch, context.principal.userId, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'price type', id });
    await recordAudit(tx, context, 'priceType.update', 'priceType', id, {
      version: after.version,
      ...changes(before, patch),
    });
    return after;
  });
}
