import { roleAllows } from '@openami/domain';
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

/**
 * A national ID number as a role without `customer.personal` sees it: the first three and last four
 * characters, the rest starred (110***********1234); a short one all starred.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length === 0) return idNumber;
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** The customer's personal data as the caller may see it: in full with `customer.personal`, else masked. */
export function personalDataFor<T extends { readonly idNumber: string }>(context: ServiceContext, row: T): T {
  if (roleAllows(context.principal.role, 'customer.personal')) return row;
  return { ...row, idNumber: maskIdNumber(row.idNumber) };
}

export async function getCustomer(context: ServiceContext, id: number) {
  const customer = await customerInScope(context, id);
  const versions = await context.store.customers.versions(id);
  return {
    ...personalDataFor(context, customer),
    versions: versions.map((version) => personalDataFor(context, version)),
  };
}

/** A customer in the list, with its accounts (open first) and the open accounts' phones. */
export interface CustomerListView extends CustomerRow {
  readonly phones: readonly string[];
  readonly accounts: readonly {
    readonly id: number;
    readonly accountNo: string;
    readonly state: string;
    readonly meterId: number;
    readonly factoryNo: string;
    readonly phones: readonly string[];
  }[];
}

export async function listCustomers(
  context: ServiceContext,
  filter: Omit<CustomerFilter, 'areaPath'> & { readonly areaId?: number },
  page: PageRequest<CustomerSort>,
): Promise<Page<CustomerListView>> {
  const { areaId, ...rest } = filter;
  const areaPath = areaId === undefined ? undefined : (await areaInScope(context, areaId)).path;
  const found = await context.store.customers.list(
    context.principal.scope,
    { ...rest, ...(areaPath === undefined ? {} : { areaPath }) },
    page,
  );
  const accounts = await context.store.accounts.ofCustomers(
    context.principal.scope,
    found.items.map((c) => c.id),
  );
  return {
    ...found,
    items: found.items.map((customer) => {
      const own = accounts
        .filter((a) => a.customerId === customer.id)
        .map((a) => ({
          id: a.accountId,
          accountNo: a.accountNo,
          state: a.state,
          meterId: a.meterId,
          factoryNo: a.factoryNo,
          phones: JSON.parse(a.phones) as string[],
        }));
      const phones = [...new Set(own.filter((a) => a.state === 'open').flatMap((a) => a.phones))];
      return { ...personalDataFor(context, customer), phones, accounts: own };
    }),
  };
}

export async function createCustomer(context: ServiceContext, input: CustomerFields): Promise<CustomerRow> {
  await areaInScope(context, input.areaId);
  return context.store.transaction(async (tx) => {
    if ((await tx.customers.getByCode(input.code)) !== undefined) {
      throw new AppError('ALREADY_EXISTS', { entity: 'customer', code: input.code });
    }
    const customer = await tx.customers.create(input, context.principal.userId, context.now);
    await recordAudit(tx, context, 'customer.create', 'customer', customer.id, input);
    return personalDataFor(context, customer);
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
    return personalDataFor(context, after);
  });
}
