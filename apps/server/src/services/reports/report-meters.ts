import type { ReportMeter } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { areaInScope, meterInScope } from '../../policies/scope.ts';

export interface MeterSelection {
  readonly areaId?: number | undefined;
  readonly meterId?: number | undefined;
}

/** The meters a report covers: one meter, or every meter in an area (or in the caller's areas), in scope. */
export async function reportMeters(
  context: ServiceContext,
  selection: MeterSelection,
): Promise<{ meters: ReportMeter[]; areaPath: string | undefined }> {
  const scope = context.principal.scope;
  if (selection.meterId !== undefined) {
    const meter = await meterInScope(context, selection.meterId);
    const area = await context.store.areas.get(meter.areaId);
    const meters = await context.store.meters.forReports(scope, area?.path);
    return { meters: meters.filter((m) => m.id === meter.id), areaPath: area?.path };
  }
  const areaPath =
    selection.areaId === undefined ? undefined : (await areaInScope(context, selection.areaId)).path;
  return { meters: await context.store.meters.forReports(scope, areaPath), areaPath };
}
