// Which records the caller may act on (002 §3.5): every by-id action on an area-bound record is checked
// against the areas of the user's scope. Routes and services load such a record through here; the checks
// read the store and nothing else, so no service is ever needed to decide one.
import { scopeIncludes } from '@openami/domain';
import type {
  AccountRow,
  AreaRow,
  ConcentratorRow,
  CustomerRow,
  MeterRow,
  TerminalWithPorts,
} from '@openami/storage';
import type { Principal } from '../auth/principal.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';

/** The area at `areaPath` lies in the principal's scope, or AREA_FORBIDDEN. */
export function requireArea(principal: Principal, areaPath: string): void {
  if (!scopeIncludes(principal.scope, areaPath)) throw new AppError('AREA_FORBIDDEN');
}

/** Loads an area the caller may act on, or fails with NOT_FOUND / AREA_FORBIDDEN. */
export async function areaInScope(context: ServiceContext, id: number): Promise<AreaRow> {
  const area = await context.store.areas.get(id);
  if (area === undefined) throw new AppError('NOT_FOUND', { entity: 'area', id });
  requireArea(context.principal, area.path);
  return area;
}

export async function meterInScope(context: ServiceContext, id: number): Promise<MeterRow> {
  const meter = await context.store.meters.get(id);
  if (meter === undefined) throw new AppError('NOT_FOUND', { entity: 'meter', id });
  await areaInScope(context, meter.areaId);
  return meter;
}

export async function concentratorInScope(context: ServiceContext, id: number): Promise<ConcentratorRow> {
  const concentrator = await context.store.concentrators.get(id);
  if (concentrator === undefined) throw new AppError('NOT_FOUND', { entity: 'concentrator', id });
  await areaInScope(context, concentrator.areaId);
  return concentrator;
}

export async function terminalInScope(context: ServiceContext, id: number): Promise<TerminalWithPorts> {
  const terminal = await context.store.terminals.get(id);
  if (terminal === undefined) throw new AppError('NOT_FOUND', { entity: 'terminal', id });
  await areaInScope(context, terminal.areaId);
  return terminal;
}

export async function customerInScope(context: ServiceContext, id: number): Promise<CustomerRow> {
  const customer = await context.store.customers.get(id);
  if (customer === undefined) throw new AppError('NOT_FOUND', { entity: 'customer', id });
  await areaInScope(context, customer.areaId);
  return customer;
}

/** An account is in scope when its meter is. */
export async function accountInScope(context: ServiceContext, id: number): Promise<AccountRow> {
  const account = await context.store.accounts.get(id);
  if (account === undefined) throw new AppError('NOT_FOUND', { entity: 'account', id });
  await meterInScope(context, account.meterId);
  return account;
}
