import { canMoveMeter, type MeterState, multiplierOf } from '@openami/domain';
import type {
  MeterFilter,
  MeterPatch,
  MeterRow,
  MeterSort,
  NewMeter,
  Page,
  PageRequest,
  Repositories,
} from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope, meterInScope, requireArea } from '../policies/scope.ts';
import { changes, recordAudit } from './audit.ts';

export interface StockInInput {
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly meterTypeId: number;
  readonly startingReadingWh: number;
  readonly areaId: number;
  readonly terminalPortId?: number | null;
  readonly parentMeterId?: number | null;
  readonly ptPrimary?: number;
  readonly ptSecondary?: number;
  readonly ctPrimary?: number;
  readonly ctSecondary?: number;
}

/** A meter in the list, with the household on it: the open account and its customer. */
export interface MeterListView extends MeterRow {
  readonly account: {
    readonly id: number;
    readonly accountNo: string;
    readonly customer: {
      readonly id: number;
      readonly name: string;
      readonly unit: string;
      readonly address: string;
    };
  } | null;
}

export type MeterUpdate = Partial<Omit<StockInInput, 'factoryNo' | 'meterTypeId'>> & {
  readonly state?: MeterState;
};

export async function searchMeters(
  context: ServiceContext,
  filter: Omit<MeterFilter, 'areaPath'> & { readonly areaId?: number },
  page: PageRequest<MeterSort>,
): Promise<Page<MeterListView>> {
  const { areaId, ...rest } = filter;
  const areaPath = areaId === undefined ? undefined : (await areaInScope(context, areaId)).path;
  const found = await context.store.meters.search(
    context.principal.scope,
    { ...rest, ...(areaPath === undefined ? {} : { areaPath }) },
    page,
  );
  const holders = new Map(
    (await context.store.accounts.holdersOf(found.items.map((m) => m.id))).map((h) => [h.meterId, h]),
  );
  return {
    ...found,
    items: found.items.map((meter) => {
      const holder = holders.get(meter.id);
      return {
        ...meter,
        account:
          holder === undefined
            ? null
            : {
                id: holder.accountId,
                accountNo: holder.accountNo,
                customer: {
                  id: holder.customerId,
                  name: holder.customerName,
                  unit: holder.unit,
                  address: holder.address,
                },
              },
      };
    }),
  };
}

/** Remembers look-ups across the rows of one batch, so a batch of thousands costs a handful of queries. */
export class MeterLookups {
  readonly #repos: Repositories;
  readonly #context: ServiceContext;
  readonly #typeVersions = new Map<number, number>();
  readonly #areaPaths = new Map<number, string>();
  constructor(repos: Repositories, context: ServiceContext) {
    this.#repos = repos;
    this.#context = context;
  }

  async typeVersionId(meterTypeId: number): Promise<number> {
    const known = this.#typeVersions.get(meterTypeId);
    if (known !== undefined) return known;
    const version = await this.#repos.meterTypes.currentVersion(meterTypeId);
    if (version === undefined) throw new AppError('BAD_REFERENCE', { entity: 'meter type', id: meterTypeId });
    this.#typeVersions.set(meterTypeId, version.id);
    return version.id;
  }

  async requireArea(areaId: number): Promise<void> {
    let path = this.#areaPaths.get(areaId);
    if (path === undefined) {
      const area = await this.#repos.areas.get(areaId);
      if (area === undefined) throw new AppError('BAD_REFERENCE', { entity: 'area', id: areaId });
      path = area.path;
      this.#areaPaths.set(areaId, path);
    }
    requireArea(this.#context.principal, path);
  }

  async requirePort(portId: number): Promise<void> {
    const port = await this.#repos.terminals.getPort(portId);
    if (port === undefined) throw new AppError('BAD_REFERENCE', { entity: 'terminal port', id: portId });
    await this.requireArea(port.areaId);
  }

  async requireParent(meterId: number): Promise<void> {
    const parent = await this.#repos.meters.get(meterId);
    if (parent === undefined) throw new AppError('BAD_REFERENCE', { entity: 'parent meter', id: meterId });
    await this.requireArea(parent.areaId);
  }
}

function ratios(input: Pick<StockInInput, 'ptPrimary' | 'ptSecondary' | 'ctPrimary' | 'ctSecondary'>) {
  const pt = { primary: input.ptPrimary ?? 1, secondary: input.ptSecondary ?? 1 };
  const ct = { primary: input.ctPrimary ?? 1, secondary: input.ctSecondary ?? 1 };
  const result = multiplierOf(pt, ct);
  if (!result.ok) throw new AppError('BAD_MULTIPLIER', { reason: result.reason });
  return {
    ptPrimary: pt.primary,
    ptSecondary: pt.secondary,
    ctPrimary: ct.primary,
    ctSecondary: ct.secondary,
    multiplier: result.multiplier,
  };
}

/** Checks one stock-in row and turns it into a meter record; throws the first problem as an AppError. */
export async function prepareStockIn(
  lookups: MeterLookups,
  input: StockInInput,
  now: number,
): Promise<NewMeter> {
  await lookups.requireArea(input.areaId);
  if (input.terminalPortId !== undefined && input.terminalPortId !== null)
    await lookups.requirePort(input.terminalPortId);
  if (input.parentMeterId !== undefined && input.parentMeterId !== null)
    await lookups.requireParent(input.parentMeterId);
  return {
    factoryNo: input.factoryNo,
    commAddress: input.commAddress,
    meterTypeId: input.meterTypeId,
    meterTypeVersionId: await lookups.typeVersionId(input.meterTypeId),
    state: 'in_stock',
    startingReadingWh: input.startingReadingWh,
    areaId: input.areaId,
    terminalPortId: input.terminalPortId ?? null,
    parentMeterId: input.parentMeterId ?? null,
    ...ratios(input),
    stockedInAt: now,
  };
}

export async function stockIn(context: ServiceContext, input: StockInInput): Promise<MeterRow> {
  return context.store.transaction(async (tx) => {
    if ((await tx.meters.getByFactoryNo(input.factoryNo)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'meter', factoryNo: input.factoryNo });
    }
    const meter = await tx.meters.stockIn(
      await prepareStockIn(new MeterLookups(tx, context), input, context.now),
      context.now,
    );
    await recordAudit(tx, context, 'meter.stockIn', 'meter', meter.id, input);
    return meter;
  });
}

/** Stocks in a whole batch in one transaction: every meter lands, or none (001 §3 stock-in). */
export async function stockInBatch(
  context: ServiceContext,
  inputs: readonly StockInInput[],
): Promise<{ readonly count: number }> {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input.factoryNo))
      throw new AppError('ALREADY_EXISTS', { entity: 'meter', factoryNo: input.factoryNo });
    seen.add(input.factoryNo);
  }
  return context.store.transaction(async (tx) => {
    const existing = await tx.meters.getByFactoryNos([...seen]);
    const clash = existing[0];
    if (clash !== undefined)
      throw new AppError('ALREADY_EXISTS', { entity: 'meter', factoryNo: clash.factoryNo });
    const lookups = new MeterLookups(tx, context);
    const meters: NewMeter[] = [];
    for (const input of inputs) meters.push(await prepareStockIn(lookups, input, context.now));
    const count = await tx.meters.stockInMany(meters, context.now);
    await recordAudit(tx, context, 'meter.stockInBatch', 'meter', '*', {
      count,
      factoryNos: inputs.map((i) => i.factoryNo),
    });
    return { count };
  });
}

export async function updateMeter(
  context: ServiceContext,
  id: number,
  update: MeterUpdate,
): Promise<MeterRow> {
  const before = await meterInScope(context, id);
  return context.store.transaction(async (tx) => {
    const lookups = new MeterLookups(tx, context);
    if (update.areaId !== undefined) await lookups.requireArea(update.areaId);
    if (update.terminalPortId !== undefined && update.terminalPortId !== null) {
      // One way to reach a meter: a port, or a concentrator's measuring point (issue 16).
      if (before.concentratorId !== null) throw new AppError('METER_ON_CONCENTRATOR');
      await lookups.requirePort(update.terminalPortId);
    }
    if (update.parentMeterId !== undefined && update.parentMeterId !== null) {
      if (update.parentMeterId === id) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'parentMeterId',
          problem: 'a meter cannot be its own parent',
        });
      }
      await lookups.requireParent(update.parentMeterId);
    }
    if (update.state !== undefined && !canMoveMeter(before.state as MeterState, update.state)) {
      throw new AppError('METER_STATE', { from: before.state, to: update.state });
    }
    const { ptPrimary, ptSecondary, ctPrimary, ctSecondary, ...rest } = update;
    const ratioChange =
      ptPrimary !== undefined ||
      ptSecondary !== undefined ||
      ctPrimary !== undefined ||
      ctSecondary !== undefined
        ? ratios({
            ptPrimary: ptPrimary ?? before.ptPrimary,
            ptSecondary: ptSecondary ?? before.ptSecondary,
            ctPrimary: ctPrimary ?? before.ctPrimary,
            ctSecondary: ctSecondary ?? before.ctSecondary,
          })
        : {};
    const patch: MeterPatch = { ...rest, ...ratioChange };
    const after = await tx.meters.update(id, patch, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'meter', id });
    await recordAudit(tx, context, 'meter.update', 'meter', id, changes(before, patch));
    return after;
  });
}

/** Only a meter still in stock and never on an account may be deleted; later ones are marked removed. */
export async function deleteMeter(context: ServiceContext, id: number): Promise<void> {
  const meter = await meterInScope(context, id);
  if (meter.state !== 'in_stock') throw new AppError('IN_USE', { entity: 'meter', state: meter.state });
  await context.store.transaction(async (tx) => {
    await tx.meters.delete(id);
    await recordAudit(tx, context, 'meter.delete', 'meter', id, { factoryNo: meter.factoryNo });
  });
}
