import type {
  ConcentratorFields,
  ConcentratorFilter,
  ConcentratorMeter,
  ConcentratorRow,
  ConcentratorSort,
  Page,
  PageRequest,
  Repositories,
} from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope, concentratorInScope, meterInScope } from '../policies/scope.ts';
import { changes, recordAudit } from './audit.ts';

export function listConcentrators(
  context: ServiceContext,
  filter: ConcentratorFilter,
  page: PageRequest<ConcentratorSort>,
): Promise<Page<ConcentratorRow>> {
  return context.store.concentrators.list(context.principal.scope, filter, page);
}

/** (A1, A2) names one concentrator on the whole site, whatever its area: the head-end finds it by that. */
async function requireFreeAddress(
  repos: Repositories,
  id: number | undefined,
  areaCode: string,
  terminalAddress: number,
): Promise<void> {
  const holder = await repos.concentrators.byAddress(areaCode, terminalAddress);
  if (holder !== undefined && holder.id !== id) {
    throw new AppError('CONCENTRATOR_ADDRESS_TAKEN', {
      areaCode,
      terminalAddress,
      concentrator: holder.name,
      concentratorId: holder.id,
    });
  }
}

export async function createConcentrator(
  context: ServiceContext,
  input: ConcentratorFields,
): Promise<ConcentratorRow> {
  await areaInScope(context, input.areaId);
  return context.store.transaction(async (tx) => {
    await requireFreeAddress(tx, undefined, input.areaCode, input.terminalAddress);
    const concentrator = await tx.concentrators.create(input, context.now);
    await recordAudit(tx, context, 'concentrator.create', 'concentrator', concentrator.id, input);
    return concentrator;
  });
}

export async function updateConcentrator(
  context: ServiceContext,
  id: number,
  patch: Partial<ConcentratorFields>,
): Promise<ConcentratorRow> {
  const before = await concentratorInScope(context, id);
  if (patch.areaId !== undefined) await areaInScope(context, patch.areaId);
  return context.store.transaction(async (tx) => {
    if (patch.areaCode !== undefined || patch.terminalAddress !== undefined) {
      await requireFreeAddress(
        tx,
        id,
        patch.areaCode ?? before.areaCode,
        patch.terminalAddress ?? before.terminalAddress,
      );
    }
    const after = await tx.concentrators.update(id, patch, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'concentrator', id });
    await recordAudit(tx, context, 'concentrator.update', 'concentrator', id, changes(before, patch));
    return after;
  });
}

export async function deleteConcentrator(context: ServiceContext, id: number): Promise<void> {
  await concentratorInScope(context, id);
  await context.store.transaction(async (tx) => {
    const outcome = await tx.concentrators.remove(id);
    if (outcome === 'not_found') throw new AppError('NOT_FOUND', { entity: 'concentrator', id });
    if (outcome === 'not_empty') {
      throw new AppError('CONCENTRATOR_NOT_EMPTY', { meterCount: await tx.concentrators.meterCount(id) });
    }
    await recordAudit(tx, context, 'concentrator.delete', 'concentrator', id);
  });
}

export async function concentratorMeters(context: ServiceContext, id: number): Promise<ConcentratorMeter[]> {
  await concentratorInScope(context, id);
  return context.store.concentrators.meters(id);
}

/**
 * Puts the meter on measuring point `point` of a concentrator, or (`null`) takes it off. Both the meter and
 * the concentrator must be in the caller's areas.
 */
export async function setConcentratorPoint(
  context: ServiceContext,
  meterId: number,
  target: { readonly concentratorId: number; readonly point: number } | null,
): Promise<void> {
  const meter = await meterInScope(context, meterId);
  const before =
    meter.concentratorId === null
      ? null
      : { concentratorId: meter.concentratorId, point: meter.measuringPoint };
  if (target === null) {
    await context.store.transaction(async (tx) => {
      if (await tx.concentrators.unassignMeter(meterId, context.now)) {
        await recordAudit(tx, context, 'meter.concentratorPoint', 'meter', meterId, {
          from: before,
          to: null,
        });
      }
    });
    return;
  }
  const concentrator = await concentratorInScope(context, target.concentratorId);
  await context.store.transaction(async (tx) => {
    const result = await tx.concentrators.assignMeter(meterId, concentrator.id, target.point, context.now);
    if (!result.ok) {
      switch (result.reason) {
        case 'meter_on_port':
          throw new AppError('METER_ON_TERMINAL_PORT');
        case 'point_taken': {
          const holder = (await tx.concentrators.meters(concentrator.id)).find(
            (m) => m.measuringPoint === target.point,
          );
          throw new AppError('MEASURING_POINT_TAKEN', {
            concentrator: concentrator.name,
            point: target.point,
            meterNo: holder?.factoryNo ?? '',
          });
        }
        case 'meter_not_found':
          throw new AppError('NOT_FOUND', { entity: 'meter', id: meterId });
        case 'concentrator_not_found':
          throw new AppError('NOT_FOUND', { entity: 'concentrator', id: concentrator.id });
      }
    }
    await recordAudit(tx, context, 'meter.concentratorPoint', 'meter', meterId, { from: before, to: target });
  });
}
