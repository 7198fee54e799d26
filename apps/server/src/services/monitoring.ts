// The monitoring view (点位监控, 002 §2.8): every meter of an area subtree with the areas it hangs in and the
// colour its open alarms and faults give it, who lives there and where it stands in the supply tree, so the
// browser draws the schematic without judging anything.
import { scopeIncludes } from '@openami/domain';
import type { AlarmRow, AreaRow, MeterRow } from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { areaInScope } from '../policies/scope.ts';
import { type PointColour, pointColour } from './monitoring-colour.ts';

/** Meters shown at most in one view; a larger subtree is cut (`truncated`) and the user picks a lower area. */
export const MONITORED_METERS_MAX = 5000;
const PAGE = 500;
/** Meters that stand somewhere: stock and removed meters are not points of the site. */
const monitoredStates: ReadonlySet<string> = new Set(['installed', 'faulty']);

export interface MonitoredArea {
  readonly id: number;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
}

export interface MonitoredAlarm {
  readonly id: number;
  readonly kind: string;
  readonly severity: string;
  readonly state: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly raisedAt: number;
}

/** Who holds the meter's open account; `unit` is the room (门牌) the schematic places the meter by. */
export interface MonitoredCustomer {
  readonly name: string;
  readonly unit: string;
}

/**
 * `supply`: other meters of the view hang beneath it (`parentMeterId`), a building's or transformer area's
 * incoming meter (DOMAIN.md §3); `consumer`: a meter nothing in the view hangs beneath.
 */
export type MeterRole = 'supply' | 'consumer';

export interface MonitoredMeter {
  readonly id: number;
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly state: string;
  readonly areaId: number;
  readonly parentMeterId: number | null;
  readonly role: MeterRole;
  readonly customer: MonitoredCustomer | null;
  /** When it last answered the collector or was last read, whichever is later; null: never. */
  readonly lastReadAt: number | null;
  /** The meter's area and its ancestors the caller may see, outermost first (community, building, floor…). */
  readonly areas: readonly MonitoredArea[];
  readonly colour: PointColour;
  /** The open alarms that make the colour: the meter's own, its terminal port's and its terminal's. */
  readonly alarms: readonly MonitoredAlarm[];
}

export interface MonitoringView {
  readonly areaId: number | null;
  readonly meters: readonly MonitoredMeter[];
  readonly counts: Readonly<Record<PointColour, number>>;
  /** More meters lie in the subtree than the view holds. */
  readonly truncated: boolean;
  readonly at: number;
}

const alarmOf = (row: AlarmRow): MonitoredAlarm => ({
  id: row.id,
  kind: row.kind,
  severity: row.severity,
  state: row.state,
  objectType: row.objectType,
  objectId: row.objectId,
  raisedAt: row.raisedAt,
});

async function subtreeMeters(
  context: ServiceContext,
  areaPath: string | undefined,
): Promise<{ meters: MeterRow[]; truncated: boolean }> {
  const meters: MeterRow[] = [];
  for (let offset = 0; offset < MONITORED_METERS_MAX; offset += PAGE) {
    const page = await context.store.meters.search(
      context.principal.scope,
      areaPath === undefined ? {} : { areaPath },
      { offset, limit: PAGE, sort: 'id', direction: 'asc' },
    );
    meters.push(...page.items.filter((m) => monitoredStates.has(m.state)));
    if (offset + PAGE >= page.total) return { meters, truncated: false };
  }
  return { meters, truncated: true };
}

/** Of each port id: `terminal:port`, the key port alarms are raised under, and the terminal's id, its alarms'. */
async function portKeys(
  context: ServiceContext,
  meters: readonly MeterRow[],
): Promise<Map<number, { port: string; terminal: string }>> {
  const keys = new Map<number, { port: string; terminal: string }>();
  for (const meter of meters) {
    const portId = meter.terminalPortId;
    if (portId === null || keys.has(portId)) continue;
    const port = await context.store.terminals.getPort(portId);
    if (port !== undefined)
      keys.set(portId, { port: `${port.terminalId}:${port.portNo}`, terminal: String(port.terminalId) });
  }
  return keys;
}

async function areaTrails(
  context: ServiceContext,
  meters: readonly MeterRow[],
): Promise<Map<number, MonitoredArea[]>> {
  const areaIds = new Set(meters.map((m) => m.areaId));
  const own = await context.store.areas.getMany([...areaIds]);
  const ancestorIds = new Set<number>();
  for (const area of own)
    for (const id of area.path.split('/').filter((s) => s !== '')) ancestorIds.add(Number(id));
  const byId = new Map<number, AreaRow>(
    (await context.store.areas.getMany([...ancestorIds])).map((a) => [a.id, a]),
  );
  const trails = new Map<number, MonitoredArea[]>();
  for (const area of own) {
    const trail: MonitoredArea[] = [];
    for (const id of area.path.split('/').filter((s) => s !== '')) {
      const step = byId.get(Number(id));
      if (step === undefined || !scopeIncludes(context.principal.scope, step.path)) continue;
      trail.push({ id: step.id, kind: step.kind, code: step.code, name: step.name });
    }
    trails.set(area.id, trail);
  }
  return trails;
}

/** When each meter was last heard from: its latest answer to the collector or its latest stored reading. */
async function lastReads(context: ServiceContext, meters: readonly MeterRow[]): Promise<Map<number, number>> {
  const ids = meters.map((m) => m.id);
  const [answered, readings] = await Promise.all([
    context.store.collection.lastAnsweredAt(ids),
    context.store.readings.latestEnergy(ids),
  ]);
  const latest = new Map(answered);
  for (const [id, reading] of readings) latest.set(id, Math.max(latest.get(id) ?? 0, reading.readAt));
  return latest;
}

/**
 * The meters of an area and everything beneath it (every meter in the caller's areas when none is given),
 * each with its colour and the open alarms behind it. A terminal's alarm (offline) colours every meter on it,
 * a port's (weak) every meter on that port: the meter cannot be read either.
 */
export async function monitorMeters(
  context: ServiceContext,
  areaId: number | undefined,
): Promise<MonitoringView> {
  const areaPath = areaId === undefined ? undefined : (await areaInScope(context, areaId)).path;
  const { meters, truncated } = await subtreeMeters(context, areaPath);
  const meterIds = meters.map((m) => m.id);
  const [ports, trails, open, holders, reads] = await Promise.all([
    portKeys(context, meters),
    areaTrails(context, meters),
    context.store.alarms.openAlarms(),
    context.store.accounts.holdersOf(meterIds),
    lastReads(context, meters),
  ]);
  const customers = new Map(holders.map((h) => [h.meterId, { name: h.customerName, unit: h.unit }]));
  const parents = new Set(meters.map((m) => m.parentMeterId));
  const byObject = new Map<string, AlarmRow[]>();
  for (const alarm of open) {
    const key = `${alarm.objectType} ${alarm.objectId}`;
    byObject.set(key, [...(byObject.get(key) ?? []), alarm]);
  }
  const counts: Record<PointColour, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
  const monitored = meters.map((meter): MonitoredMeter => {
    const port = meter.terminalPortId === null ? undefined : ports.get(meter.terminalPortId);
    const alarms = [
      ...(byObject.get(`meter ${meter.id}`) ?? []),
      ...(port === undefined ? [] : (byObject.get(`port ${port.port}`) ?? [])),
      ...(port === undefined ? [] : (byObject.get(`terminal ${port.terminal}`) ?? [])),
    ];
    const lastReadAt = reads.get(meter.id) ?? null;
    const colour = pointColour({ meterState: meter.state, everRead: lastReadAt !== null, alarms });
    counts[colour] += 1;
    return {
      id: meter.id,
      factoryNo: meter.factoryNo,
      commAddress: meter.commAddress,
      state: meter.state,
      areaId: meter.areaId,
      parentMeterId: meter.parentMeterId,
      role: parents.has(meter.id) ? 'supply' : 'consumer',
      customer: customers.get(meter.id) ?? null,
      lastReadAt,
      areas: trails.get(meter.areaId) ?? [],
      colour,
      alarms: alarms.map(alarmOf),
    };
  });
  return { areaId: areaId ?? null, meters: monitored, counts, truncated, at: context.now };
}
