// Which meters a run reads: the plan's targets (areas and beneath them, meter types, meters; none named:
// every meter), narrowed by the request (these meters, this area and beneath it).
import type { MeterConfig } from '../config.ts';
import type { ReadingPlan } from '../plans/default-plans.ts';
import type { CollectorCore } from './core.ts';
import type { RunRequest } from './run-request.ts';

export async function planTargets(
  core: CollectorCore,
  plan: ReadingPlan,
  request: RunRequest,
): Promise<MeterConfig[]> {
  const areas = core.store.areas;
  const areaPaths = new Set<string>();
  for (const id of plan.targets.areas ?? []) {
    const [area] = await areas.getMany([Number(id)]);
    if (area !== undefined) areaPaths.add(area.path);
  }
  let requestPath: string | undefined;
  if (request.areaId !== undefined) {
    const [area] = await areas.getMany([request.areaId]);
    if (area === undefined) return [];
    requestPath = area.path;
  }
  const types = new Set(plan.targets.meterTypes ?? []);
  // A plan names its meters as the API writes them, in text.
  const named = new Set((plan.targets.meters ?? []).map(Number));
  const requested = request.meterIds === undefined ? undefined : new Set(request.meterIds);
  const byPlan = (m: MeterConfig) => {
    const any = (plan.targets.areas?.length ?? 0) + types.size + named.size > 0;
    if (!any) return true;
    return (
      named.has(m.id) ||
      types.has(m.meterType) ||
      [...areaPaths].some((path) => m.areaPath?.startsWith(path) === true)
    );
  };
  return [...core.meters()].filter(
    (m) =>
      byPlan(m) &&
      (requested === undefined || requested.has(m.id)) &&
      (requestPath === undefined || m.areaPath?.startsWith(requestPath) === true),
  );
}
