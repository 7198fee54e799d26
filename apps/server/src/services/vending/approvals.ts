// A second person's approval (issue 15 gap 7): a refund or cancel paying back more than the site's amount
// of money, adjustment energy owed to a customer or a preset card of more than its amount of energy, waits
// as a pending request that moves nothing. Another user with `vending.approve`, in scope of the account's
// area, approves it (the operation then runs once, in the requester's name, under a request id derived from
// the approval) or refuses it with a reason (nothing happens). Everything is audited.
import { everyArea, isRole, normaliseScope, type Permission, roleAllows } from '@openami/domain';
import type { ApprovalRow } from '@openami/storage';
import type { Principal } from '../../auth/principal.ts';
import type { AppServices, ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope, requireArea } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { adjust, cancelSale, refund } from './corrections.ts';
import { issueSpecialCard, type SpecialCardInput } from './special-cards.ts';

export type ApprovalKind = 'refund' | 'cancel' | 'adjustment' | 'preset-card';

/** What the requester asked for, as the route received it (the operation's own input). */
export type HeldRequest =
  | {
      readonly kind: 'refund';
      readonly accountId: number;
      readonly body: {
        readonly requestId: string;
        readonly amountFen: number;
        readonly energyWh: number;
        readonly reason: string;
      };
    }
  | {
      readonly kind: 'cancel';
      readonly saleId: number;
      readonly body: { readonly requestId: string; readonly reason: string; readonly card?: unknown };
    }
  | {
      readonly kind: 'adjustment';
      readonly accountId: number;
      readonly body: { readonly requestId: string; readonly adjustmentWh: number; readonly reason: string };
    }
  | { readonly kind: 'preset-card'; readonly body: SpecialCardInput };

/** What each kind needs of the requester, checked again when it is carried out. */
const permissionOf: Readonly<Record<ApprovalKind, Permission>> = {
  refund: 'vending.refund',
  cancel: 'vending.sell',
  adjustment: 'vending.adjust',
  'preset-card': 'vending.sell',
};

export interface ApprovalView {
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly state: 'pending' | 'approving' | 'approved' | 'refused';
  readonly accountId: number | null;
  readonly amountFen: number | null;
  readonly energyWh: number | null;
  readonly request: unknown;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly reason: string | null;
  readonly result: unknown;
  /** The account as people know it (in the approvers' list); none for a preset card. */
  readonly account?: {
    readonly accountNo: string;
    readonly customerName: string;
    readonly unit: string;
  } | null;
}

export function presentApproval(row: ApprovalRow): ApprovalView {
  return {
    id: row.id,
    kind: row.kind as ApprovalKind,
    state: row.state as ApprovalView['state'],
    accountId: row.accountId,
    amountFen: row.amountFen,
    energyWh: row.energyWh,
    request: JSON.parse(row.request) as unknown,
    requestedBy: row.requestedByName,
    requestedAt: row.requestedAt,
    decidedBy: row.decidedByName,
    decidedAt: row.decidedAt,
    reason: row.decisionReason,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
  };
}

/** The account, its area, and the money or energy the request moves; what decides whether it waits. */
async function sizeOf(context: ServiceContext, held: HeldRequest) {
  switch (held.kind) {
    case 'refund':
    case 'adjustment': {
      const account = await accountInScope(context, held.accountId);
      const meter = await context.store.meters.get(account.meterId);
      return {
        accountId: account.id,
        areaId: meter?.areaId ?? null,
        amountFen: held.kind === 'refund' ? held.body.amountFen : null,
        energyWh: held.kind === 'refund' ? held.body.energyWh : held.body.adjustmentWh,
      };
    }
    case 'cancel': {
      const sale = await context.store.ledger.get(held.saleId);
      if (sale === undefined || sale.kind !== 'sale')
        throw new AppError('NOT_FOUND', { entity: 'sale', id: held.saleId });
      await accountInScope(context, sale.accountId);
      const meter = await context.store.meters.get(sale.meterId);
      return {
        accountId: sale.accountId,
        areaId: meter?.areaId ?? null,
        amountFen: sale.amountFen,
        energyWh: null,
      };
    }
    case 'preset-card':
      // A preset card belongs to no area (it is for any new meter).
      return { accountId: null, areaId: null, amountFen: null, energyWh: (held.body.presetKwh ?? 0) * 1000 };
  }
}

function above(
  services: Pick<AppServices, 'approval'>,
  held: HeldRequest,
  size: Awaited<ReturnType<typeof sizeOf>>,
) {
  const { aboveFen, aboveWh } = services.approval;
  if (held.kind === 'refund' || held.kind === 'cancel')
    return aboveFen > 0 && (size.amountFen ?? 0) > aboveFen;
  // Only energy given to the customer waits: energy owed back takes nothing from the utility.
  return aboveWh > 0 && (size.energyWh ?? 0) > aboveWh;
}

/**
 * When the request is above the site's amount: keeps it pending (audited) and returns it; nothing moves.
 * The same requester's same request id returns the first one. Undefined: carry it out now, as before.
 */
export async function holdIfAbove(
  context: ServiceContext,
  services: Pick<AppServices, 'approval'>,
  held: HeldRequest,
): Promise<ApprovalView | undefined> {
  if (services.approval.aboveFen <= 0 && services.approval.aboveWh <= 0) return undefined;
  const size = await sizeOf(context, held);
  if (!above(services, held, size)) return undefined;
  const { requestId, ...rest } = held.body;
  const request = held.kind === 'cancel' ? { saleId: held.saleId, ...rest } : rest;
  const recorded = await context.store.transaction(async (tx) => {
    const made = await tx.approvals.request({
      kind: held.kind,
      accountId: size.accountId,
      areaId: size.areaId,
      amountFen: size.amountFen,
      energyWh: size.energyWh,
      request: JSON.stringify(request),
      requestId,
      requestedBy: context.principal.userId,
      requestedByName: context.principal.username,
      requestedAt: context.now,
    });
    if (made.created)
      await recordAudit(tx, context, 'vending.approvalRequested', 'approval', made.approval.id, {
        kind: held.kind,
        accountId: size.accountId,
        amountFen: size.amountFen,
        energyWh: size.energyWh,
      });
    return made.approval;
  });
  return presentApproval(recorded);
}

/** The approver may decide this one: another user, with the permission (the route's), in the area. */
async function decidable(context: ServiceContext, id: number): Promise<ApprovalRow> {
  const approval = await context.store.approvals.get(id);
  if (approval === undefined) throw new AppError('NOT_FOUND', { entity: 'approval', id });
  if (approval.areaId === null) {
    if (context.principal.scope.kind !== 'all') throw new AppError('AREA_FORBIDDEN');
  } else {
    const area = await context.store.areas.get(approval.areaId);
    requireArea(context.principal, area?.path ?? '');
  }
  if (approval.requestedBy === context.principal.userId) throw new AppError('APPROVAL_OWN_REQUEST');
  return approval;
}

/** Requests waiting (or decided, by `states`) in the approver's areas, newest first. */
export async function listApprovals(context: ServiceContext, states: readonly string[]) {
  const rows = await context.store.approvals.list(context.principal.scope, states, 200);
  return {
    items: rows.map((row) => ({
      ...presentApproval(row),
      account:
        row.accountNo === null
          ? null
          : { accountNo: row.accountNo, customerName: row.customerName ?? '', unit: row.customerUnit ?? '' },
    })),
  };
}

/** The requester as a principal, to carry the request out in their name (and with their areas). */
async function requesterOf(context: ServiceContext, approval: ApprovalRow): Promise<Principal> {
  const user = await context.store.users.get(approval.requestedBy);
  if (user === undefined || user.disabled !== 0 || !isRole(user.role)) throw new AppError('FORBIDDEN');
  if (!roleAllows(user.role, permissionOf[approval.kind as ApprovalKind])) throw new AppError('FORBIDDEN');
  const scope =
    user.allAreas === 1 ? everyArea : normaliseScope(await context.store.users.areaPaths(user.id));
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    scope,
    via: 'bearer',
    tokenHash: '',
    csrfToken: '',
    stage: 'full',
  };
}

/** Carries an approved request out, in the requester's name, under the approval's own request id. */
async function carryOut(
  context: ServiceContext,
  services: Pick<AppServices, 'remote' | 'alarms' | 'field'>,
  approval: ApprovalRow,
): Promise<unknown> {
  const as: ServiceContext = { ...context, principal: await requesterOf(context, approval) };
  const requestId = `approval-${approval.id}`;
  const request = JSON.parse(approval.request) as Record<string, unknown>;
  switch (approval.kind as ApprovalKind) {
    case 'refund': {
      const body = request as { amountFen: number; energyWh: number; reason: string };
      return refund(as, services, approval.accountId ?? 0, { ...body, requestId });
    }
    case 'cancel': {
      const { saleId, ...body } = request as { saleId: number; reason: string; card?: unknown };
      return cancelSale(as, services, saleId, { ...body, requestId });
    }
    case 'adjustment': {
      const body = request as { adjustmentWh: number; reason: string };
      return adjust(as, approval.accountId ?? 0, { ...body, requestId });
    }
    case 'preset-card':
      return issueSpecialCard(as, { ...(request as unknown as SpecialCardInput), requestId });
  }
}

/**
 * Approves and carries out: claimed first (pending → approving, one approver wins), then carried out under
 * the approval's request id, so clicking twice, two approvers at once, or a retry after a crash carries it
 * out once. When the operation refuses (the balance moved meanwhile), the request is pending again.
 */
export async function approve(
  context: ServiceContext,
  services: Pick<AppServices, 'remote' | 'alarms' | 'field'>,
  id: number,
  reason: string | null,
) {
  const approval = await decidable(context, id);
  if (approval.state === 'refused' || approval.state === 'approved') {
    if (approval.state === 'approved') return { replayed: true, approval: presentApproval(approval) };
    throw new AppError('APPROVAL_DECIDED', { approvalId: id });
  }
  const by = { userId: context.principal.userId, name: context.principal.username };
  if (approval.state === 'pending' && !(await context.store.approvals.claim(id, by, reason, context.now))) {
    const now = await context.store.approvals.get(id);
    if (now?.state === 'refused') throw new AppError('APPROVAL_DECIDED', { approvalId: id });
  }
  let result: unknown;
  try {
    result = await carryOut(context, services, approval);
  } catch (error) {
    if (error instanceof AppError) await context.store.approvals.release(id);
    throw error;
  }
  // Audited once, by whoever finishes it, after the operation (itself audited in the requester's name).
  await context.store.transaction(async (tx) => {
    if (!(await tx.approvals.approved(id, result))) return;
    const entryId = (result as { id?: unknown } | null)?.id ?? null;
    await recordAudit(tx, context, 'vending.approvalApproved', 'approval', id, {
      kind: approval.kind,
      accountId: approval.accountId,
      requestedBy: approval.requestedByName,
      reason,
      entryId,
    });
  });
  const done = await context.store.approvals.get(id);
  if (done === undefined) throw new AppError('NOT_FOUND', { entity: 'approval', id });
  return { replayed: false, approval: presentApproval(done) };
}

/** Refuses with a reason: nothing is carried out, and the request cannot be approved after. */
export async function refuse(context: ServiceContext, id: number, reason: string) {
  const approval = await decidable(context, id);
  const by = { userId: context.principal.userId, name: context.principal.username };
  const refused = await context.store.transaction(async (tx) => {
    if (!(await tx.approvals.refuse(id, by, reason, context.now))) return false;
    await recordAudit(tx, context, 'vending.approvalRefused', 'approval', id, {
      kind: approval.kind,
      accountId: approval.accountId,
      requestedBy: approval.requestedByName,
      reason,
    });
    return true;
  });
  if (!refused) throw new AppError('APPROVAL_DECIDED', { approvalId: id });
  const done = await context.store.approvals.get(id);
  if (done === undefined) throw new AppError('NOT_FOUND', { entity: 'approval', id });
  return { approval: presentApproval(done) };
}
