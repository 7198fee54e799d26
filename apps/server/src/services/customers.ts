import type {
  CustomerFields,
  CustomerFilter,
  CustomerRow,
  CustomerSort,
  Page,
  PageRequest,
} from '@openami/storage';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { areaInScope, customerInScope } from '../policies/scope.ts';
import { changes, recordAudit } from './audit.ts';

export async function getCustomer(context: ServiceContext, id: number) {
  const customer = await customerInScope(context, id);
  return { ...customer, versions: await context.store.customers.versions(id) };
}

export async function listCustomers(
  context: ServiceContext,
  filter: Omit<CustomerFilter, 'areaPath'> & { readonly areaId?: number },
  page: PageRequest<CustomerSort>,
): Promise<Page<CustomerRow>> {
  const { areaId, ...rest } = filter;
  const areaPath = areaId === undefined ? undefined : (await areaInScope(context, areaId)).path;
  return context.store.customers.list(
    context.principal.scope,
    { ...rest, ...(areaPath === undefined ? {} : { areaPath }) },
    page,
  );
}

export async function createCustomer(context: ServiceContext, input: CustomerFields): Promise<CustomerRow> {
  await areaInScope(context, input.areaId);
  return context.store.transaction(async (tx) => {
    if ((await tx.customers.getByCode(input.code)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'customer', code: input.code });
    }
    const customer = await tx.customers.create(input, context.principal.userId, context.now);
    await recordAudit(tx, context, 'customer.create', 'customer', customer.id, input);
    return customer;
  });
}

/** A change makes a new customer version; earlier sales and bills keep the name and address they printed. */
export async function updateCustomer(
  context: ServiceContext,
  id: number,
  patch: Partial<Omit<CustomerFields, 'code'>>,
): Promise<CustomerRow> {
  const before = await customerInScope(context, id);
  if (patch.areaId !== undefined) await areaInScope(context, patch.areaId);
  return context.store.transaction(async (tx) => {
    const after = await tx.customers.update(id, patch, context.principal.userId, context.now);
    if (after === undefined) throw new AppError('NOT_FOUND', { entity: 'customer', id });
    await recordAudit(tx, context, 'customer.update', 'customer', id, {
      version: after.version,
      ...changes(before, patch),
    });
    return after;
  });
}
