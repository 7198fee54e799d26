// A second person's approval above the site's amount (issue 15 gap 7, item 2): a pending request moves
// nothing; its requester cannot approve it, nor can a user without `vending.approve` or outside the area;
// approving carries it out once however often it is clicked, in the requester's name; refusing leaves
// nothing; below the amount nothing changes. On both engines.
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, harnessNow, signIn } from '../../test/harness.ts';
import { cardImage, vendingApi } from '../../test/vending-api.ts';
import { type App, buildApp } from '../app.ts';

interface Approval {
  readonly id: number;
  readonly kind: string;
  readonly state: string;
  readonly requestedBy: string;
  readonly decidedBy: string | null;
  readonly reason: string | null;
  readonly result: unknown;
  readonly accountId: number | null;
  readonly account?: { accountNo: string; customerName: string; unit: string } | null;
}

describeEachEngine('approvals of money movements above the site’s amount', (context) => {
  let api: Awaited<ReturnType<typeof vendingApi>>;
  /** The same store, served with approvals above 10 yuan and above 10 kWh. */
  let app: App;
  let finance: Actor;
  let approver: Actor;
  let cashier: Actor;
  let accountId: number;

  beforeAll(async () => {
    api = await vendingApi(context.store, 'ap');
    app = await buildApp({
      checkResponses: true,
      store: context.store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      clock: () => harnessNow,
      loginRateLimit: 1000,
      approval: { aboveFen: 1_000, aboveWh: 10_000 },
    });
    finance = await signIn(app, context.store, 'finance', 'all');
    approver = await signIn(app, context.store, 'finance', 'all');
    cashier = api.cashier;
    const account = await api.openAccount();
    accountId = account.id;
    const sold = await api.call(cashier, 'POST', `/api/vending/accounts/${accountId}/sales`, {
      requestId: api.fresh('S'),
      by: 'energy',
      energyWh: 200_000,
      card: cardImage({ kind: 'blank' }, api.fresh('K')),
    });
    expect(sold.statusCode, sold.body).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await api?.app.close();
  });

  const post = (actor: Actor, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: actor.headers, payload });
  const refund = (amountFen: number, requestId = api.fresh('R')) =>
    post(finance, `/api/vending/accounts/${accountId}/refunds`, {
      requestId,
      amountFen,
      energyWh: 0,
      reason: 'moving out',
    });
  const approve = (actor: Actor, id: number) => post(actor, `/api/vending/approvals/${id}/approve`, {});
  const totals = () => context.store.ledger.totals(accountId);

  it('keeps a refund above the amount pending: nothing moves, and asking again finds the same request', async () => {
    const before = await totals();
    const requestId = api.fresh('R');
    const held = await refund(2_000, requestId);
    expect(held.statusCode, held.body).toBe(202);
    const { approval } = held.json<{ approval: Approval }>();
    expect(approval).toMatchObject({ kind: 'refund', state: 'pending', requestedBy: finance.username });
    expect(await totals()).toEqual(before);
    const again = await refund(2_000, requestId);
    expect(again.json<{ approval: Approval }>().approval.id).toBe(approval.id);
    // Approvers see it in their list.
    const list = await app.inject({
      method: 'GET',
      url: '/api/vending/approvals',
      headers: approver.headers,
    });
    expect(list.json<{ items: Approval[] }>().items.map((a) => a.id)).toContain(approval.id);
    // Named as people know the account: its number, customer and room, not its id.
    const listed = list.json<{ items: Approval[] }>().items.find((a) => a.id === approval.id);
    const account = await context.store.accounts.get(approval.accountId as number);
    const customer = await context.store.customers.get(account?.customerId as number);
    expect(listed?.account).toEqual({
      accountNo: account?.accountNo,
      customerName: customer?.name,
      unit: customer?.unit,
    });
  });

  it('lets neither the requester, nor a cashier, nor an approver of other areas approve it', async () => {
    const held = (await refund(3_000)).json<{ approval: Approval }>().approval;
    expect((await approve(finance, held.id)).json()).toMatchObject({ code: 'APPROVAL_OWN_REQUEST' });
    expect((await approve(cashier, held.id)).json()).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await api.outsider('finance');
    expect((await approve(elsewhere, held.id)).json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
    const theirs = await app.inject({
      method: 'GET',
      url: '/api/vending/approvals',
      headers: elsewhere.headers,
    });
    expect(theirs.json<{ items: Approval[] }>().items).toEqual([]);
    expect((await context.store.approvals.get(held.id))?.state).toBe('pending');
  });

  it('carries an approved refund out once, however often and however concurrently it is approved', async () => {
    const before = await totals();
    const held = (await refund(2_500)).json<{ approval: Approval }>().approval;
    const admin = api.admin;
    const answers = await Promise.all([
      approve(approver, held.id),
      approve(approver, held.id),
      approve(admin, held.id),
    ]);
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(200);
    const again = await approve(approver, held.id);
    expect(again.json()).toMatchObject({ replayed: true, approval: { state: 'approved' } });
    expect(await totals()).toMatchObject({
      amountFen: before.amountFen - 2_500,
      entries: before.entries + 1,
    });
    const refunds = (await context.store.ledger.entries(accountId)).filter(
      (e) => e.requestId === `approval-${held.id}`,
    );
    // In the requester's name: the money goes out of their drawer.
    expect(refunds).toEqual([expect.objectContaining({ kind: 'refund', operatorName: finance.username })]);
    const trail = await context.store.audit.list(
      { entity: 'approval', entityId: String(held.id) },
      { sort: 'id', direction: 'asc', limit: 50, offset: 0 },
    );
    const actions = trail.items.map((a) => a.action).sort();
    expect(actions).toEqual(['vending.approvalApproved', 'vending.approvalRequested']);
    // An auditor of the account's area reads them; one of other areas does not.
    const home = await context.store.areas.get(api.area.id);
    const scoped = await context.store.audit.list(
      { entity: 'approval', entityId: String(held.id) },
      { sort: 'id', direction: 'asc', limit: 50, offset: 0 },
      { kind: 'paths', paths: [home?.path ?? '/none/'] },
    );
    expect(scoped.items).toHaveLength(2);
    const other = await context.store.audit.list(
      { entity: 'approval', entityId: String(held.id) },
      { sort: 'id', direction: 'asc', limit: 50, offset: 0 },
      { kind: 'paths', paths: ['/999999/'] },
    );
    expect(other.items).toHaveLength(0);
  });

  it('refuses with a reason and leaves nothing; a refused request cannot be approved after', async () => {
    const before = await totals();
    const held = (await refund(1_500)).json<{ approval: Approval }>().approval;
    const refused = await post(approver, `/api/vending/approvals/${held.id}/refuse`, { reason: '证明不全' });
    expect(refused.json()).toMatchObject({
      approval: { state: 'refused', decidedBy: approver.username, reason: '证明不全' },
    });
    expect((await approve(api.admin, held.id)).json()).toMatchObject({ code: 'APPROVAL_DECIDED' });
    expect(await totals()).toEqual(before);
  });

  it('changes nothing at or below the amount, nor for energy owed back', async () => {
    expect((await refund(1_000)).statusCode).toBe(201);
    const back = await post(cashier, `/api/vending/accounts/${accountId}/adjustments`, {
      requestId: api.fresh('A'),
      adjustmentWh: -50_000,
      reason: 'audit',
    });
    expect(back.statusCode, back.body).toBe(201);
  });

  it('holds adjustment energy and preset cards above the amount, and makes them in the requester’s name', async () => {
    const adjustment = await post(cashier, `/api/vending/accounts/${accountId}/adjustments`, {
      requestId: api.fresh('A'),
      adjustmentWh: 20_000,
      reason: 'old meter',
    });
    expect(adjustment.statusCode, adjustment.body).toBe(202);
    const heldAdjustment = adjustment.json<{ approval: Approval }>().approval;
    const preset = await post(cashier, '/api/vending/special-cards', {
      requestId: api.fresh('P'),
      kind: 'preset',
      presetKwh: 20,
      card: cardImage({ kind: 'blank' }, api.fresh('K')),
      reason: '装表预置',
    });
    expect(preset.statusCode, preset.body).toBe(202);
    const heldPreset = preset.json<{ approval: Approval }>().approval;
    expect(
      await context.store.specialCards.byRequest(cashier.username, `approval-${heldPreset.id}`),
    ).toBeUndefined();

    expect((await approve(approver, heldAdjustment.id)).statusCode).toBe(200);
    const made = await approve(approver, heldPreset.id);
    expect(made.json()).toMatchObject({ approval: { state: 'approved', result: { kind: 'preset' } } });
    expect(
      await context.store.specialCards.byRequest(cashier.username, `approval-${heldPreset.id}`),
    ).toMatchObject({ kind: 'preset', presetKwh: 20 });
    const adjusted = (await context.store.ledger.entries(accountId)).filter(
      (e) => e.requestId === `approval-${heldAdjustment.id}`,
    );
    expect(adjusted).toEqual([
      expect.objectContaining({ kind: 'adjustment', adjustmentWh: 20_000, operatorName: cashier.username }),
    ]);
  });
});
