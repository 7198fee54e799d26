import { type Role, roleAllows, roles } from '@openami/domain';
import type { AreaRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeField } from '../../test/fake-field.ts';
import { type Actor, appFor, harnessNow, signIn, testPassword } from '../../test/harness.ts';
import { type ResidentActor, signInResident } from '../../test/resident.ts';
import type { App } from '../app.ts';
import { tokenHash } from '../auth/tokens.ts';
import { newTotpSecret, totpCode } from '../auth/totp.ts';
import { recoveryCodeHash } from '../services/second-factor-check.ts';

/**
 * Walks the whole route table with every role and with a user from another area, and checks each gets
 * exactly what the policy allows: 403 FORBIDDEN without the permission, 403 AREA_FORBIDDEN (or an empty
 * list) outside its areas, success otherwise. A route missing from `fixtures` fails the test.
 */
interface World {
  readonly store: Store;
  readonly home: AreaRow;
  readonly meterTypeId: number;
  readonly priceTypeId: number;
  readonly terminalId: number;
  readonly meterId: number;
  readonly customerId: number;
  readonly accountId: number;
  readonly userId: number;
  fresh(prefix: string): string;
  secondSession(actor: Actor): Promise<Record<string, string>>;
  /** Creates a bearer token for the actor and returns its id (the hash). */
  bearerTokenOf(actor: Actor): Promise<string>;
}
interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
}
/** What a user of another area gets: refused, an empty list, or the same as anyone (area-free set-up). */
type OutsiderOutcome = 'forbidden' | 'empty' | 'allowed' | 'importRejected';
interface Fixture {
  readonly outsider: OutsiderOutcome;
  call(world: World, actor: Actor): Promise<Call>;
}

let nextAddress = 1;
const meterPayload = (w: World) => ({
  factoryNo: w.fresh('F'),
  commAddress: String(nextAddress++).padStart(12, '0'),
  meterTypeId: w.meterTypeId,
  startingReadingWh: 0,
  areaId: w.home.id,
});
const newMeter = async (w: World) => (await w.store.meters.stockIn(await meterRecord(w), harnessNow)).id;
async function meterRecord(w: World) {
  const version = await w.store.meterTypes.currentVersion(w.meterTypeId);
  return {
    ...meterPayload(w),
    meterTypeVersionId: version?.id ?? 0,
    state: 'in_stock',
    terminalPortId: null,
    parentMeterId: null,
    ptPrimary: 1,
    ptSecondary: 1,
    ctPrimary: 1,
    ctSecondary: 1,
    multiplier: 1,
    stockedInAt: harnessNow,
  };
}
const newCustomer = async (w: World) =>
  (
    await w.store.customers.create(
      { code: w.fresh('C'), name: 'n', unit: '', address: '', idNumber: '', areaId: w.home.id },
      null,
      harnessNow,
    )
  ).id;
const accountSettings = (w: World) => ({
  priceTypeId: w.priceTypeId,
  prepaidMode: 'card',
  alarmEnergyWh: 10_000,
  creditLimitWh: 0,
  hoardingLimitWh: 0,
  capacityLimitMode: 0,
  phones: ['13800000000'],
});
const newAccount = async (w: World) =>
  (
    await w.store.accounts.open(
      {
        accountNo: w.fresh('AC'),
        customerId: w.customerId,
        meterId: await newMeter(w),
        ...accountSettings(w),
        phones: '[]',
        openedAt: harnessNow,
      },
      harnessNow,
    )
  ).id;
const port = { portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' };
let nextConcentratorAddress = 1;
const concentratorPayload = (w: World) => ({
  areaId: w.home.id,
  name: w.fresh('JZQ'),
  areaCode: '4101',
  terminalAddress: nextConcentratorAddress++,
  masterAddress: 1,
  model: 'DJGZ23',
  variant: 'gdw1376_1_2013',
  notes: '',
});
const newConcentrator = async (w: World) =>
  (await w.store.concentrators.create(concentratorPayload(w), harnessNow)).id;

const newRun = async (w: World) => {
  const run = await w.store.collection.startRun({
    planId: 'hourly-energy',
    kind: 'read',
    trigger: 'schedule',
    requestedBy: null,
    areaId: null,
    startedAt: harnessNow,
  });
  await w.store.collection.recordMeters([
    {
      runId: run.id,
      meterId: w.meterId,
      terminalId: w.terminalId,
      portNo: 1,
      status: 'unreachable',
      reason: 'no reply',
      attempts: 3,
      durationMs: 900,
      clockOffsetMs: null,
    },
  ]);
  await w.store.collection.finishRun(run.id, harnessNow, 'finished', null);
  return run.id;
};

const newPlan = async (w: World) =>
  (
    await w.store.plans.create(
      {
        id: w.fresh('plan-').toLowerCase(),
        nameZh: '楼栋抄表',
        nameEn: 'Building read',
        kind: 'read',
        items: '["energy"]',
        targets: JSON.stringify({ areas: [String(w.home.id)] }),
        schedule: '{"kind":"daily","at":"02:00"}',
        enabled: 1,
      },
      harnessNow,
    )
  ).id;

const newAlarm = async (w: World) =>
  (
    await w.store.alarms.raise(
      {
        kind: 'cover-open',
        objectType: 'meter',
        objectId: w.fresh('m'),
        severity: 'critical',
        areaId: w.home.id,
        evidence: { before: 0, after: 1 },
      },
      harnessNow,
    )
  ).alarm.id;
const blankCard = {
  format: 'openami-card/1',
  cardId: 'C1',
  wrongPasswordAttempts: 0,
  data: { kind: 'blank' },
};
/** A fresh account with one sale of 1 kWh for 100 fen, purchase 1, its card not yet in the meter. */
async function accountWithSale(w: World) {
  const accountId = await newAccount(w);
  const account = await w.store.accounts.get(accountId);
  const sale = await w.store.ledger.append({
    accountId,
    meterId: account?.meterId ?? 0,
    kind: 'sale',
    amountFen: 100,
    energyWh: 1000,
    adjustmentWh: 0,
    purchaseCount: 1,
    writeKwh: 1,
    refersToId: null,
    tierCycle: null,
    priceTypeVersionId: null,
    tariffVersionId: null,
    requestId: w.fresh('S'),
    requestFingerprint: 'x',
    invoiceNo: w.fresh('I'),
    operatorUserId: null,
    operatorName: 'probe',
    details: {},
    createdAt: harnessNow,
  });
  const meter = await w.store.meters.get(account?.meterId ?? 0);
  const card = {
    ...blankCard,
    data: {
      kind: 'customer',
      meterNo: meter?.factoryNo,
      accountNo: account?.accountNo,
      cardSerial: 1,
      purchaseCount: 1,
      purchaseKwh: 1,
      loaded: false,
      alarmKwh: 10,
      creditLimitKwh: 0,
      hoardingLimitKwh: 0,
      capacityLimitMode: 0,
      meterData: null,
    },
  };
  return { accountId, saleId: sale.id, card };
}

/** An adjustment a cashier of the home area asked for, waiting for a second person. */
async function pendingAdjustment(w: World): Promise<number> {
  const requester = await w.store.users.create(
    {
      username: w.fresh('asker'),
      displayName: '',
      passwordHash: 'x',
      role: 'cashier',
      allAreas: false,
      locale: 'en',
    },
    harnessNow,
  );
  await w.store.users.setAreas(requester.id, [w.home.id]);
  const { approval } = await w.store.approvals.request({
    kind: 'adjustment',
    accountId: w.accountId,
    areaId: w.home.id,
    amountFen: null,
    energyWh: 12_000,
    request: JSON.stringify({ adjustmentWh: 12_000, reason: 'meter replaced' }),
    requestId: w.fresh('Q'),
    requestedBy: requester.id,
    requestedByName: requester.username,
    requestedAt: harnessNow,
  });
  return approval.id;
}

const fixtures: Record<string, Fixture> = {
  'GET /api/alarms': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/alarms?state=open' }),
  },
  'GET /api/alarms/export': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/alarms/export?format=csv' }),
  },
  'GET /api/alarms/events': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/alarms/events?maxSeconds=0' }),
  },
  'GET /api/alarms/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/alarms/${await newAlarm(w)}` }),
  },
  'GET /api/monitoring/meters': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/monitoring/meters?areaId=${w.home.id}` }),
  },
  'GET /api/alarms/rules': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/alarms/rules?areaId=${w.home.id}` }),
  },
  'PUT /api/alarms/rules/:kind': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PUT',
      url: '/api/alarms/rules/meter-unreachable',
      payload: { areaId: w.home.id, params: { runs: 4 } },
    }),
  },
  'DELETE /api/alarms/rules/:kind': {
    outsider: 'forbidden',
    call: async (w) => {
      await w.store.alarmRules.put(
        { kind: 'cover-open', areaId: w.home.id, meterTypeId: null, severity: 'major', params: {} },
        null,
        harnessNow,
      );
      return { method: 'DELETE', url: `/api/alarms/rules/cover-open?areaId=${w.home.id}` };
    },
  },
  'POST /api/alarms/acknowledge': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/alarms/acknowledge',
      payload: { ids: [await newAlarm(w), await newAlarm(w)], comment: '终端已恢复' },
    }),
  },
  'POST /api/alarms/:id/acknowledge': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/alarms/${await newAlarm(w)}/acknowledge`,
      payload: { comment: '已处理' },
    }),
  },
  'POST /api/meters/:id/read': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/meters/${w.meterId}/read`,
      payload: { items: ['energy'] },
    }),
  },
  'POST /api/areas/:id/read': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'POST', url: `/api/areas/${w.home.id}/read`, payload: {} }),
  },
  'POST /api/meters/:id/commands': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/meters/${w.meterId}/commands`,
      payload: { requestId: w.fresh('request-'), kind: 'relay-trip' },
    }),
  },
  'GET /api/meters/:id/commands': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/meters/${w.meterId}/commands` }),
  },
  'GET /api/meters/:id/runs': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/meters/${w.meterId}/runs` }),
  },
  'GET /api/meters/:id/readings': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/meters/${w.meterId}/readings?from=0&to=${harnessNow}` }),
  },
  'GET /api/meters/:id/energy/daily': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/meters/${w.meterId}/energy/daily?from=2026-11-01&to=2026-11-30`,
    }),
  },
  'GET /api/meters/:id/energy/monthly': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/meters/${w.meterId}/energy/monthly?from=2026-01&to=2026-12`,
    }),
  },
  'POST /api/collection/plans': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/collection/plans',
      payload: {
        id: w.fresh('plan-').toLowerCase(),
        name: { zh: '测试', en: 'test' },
        kind: 'read',
        items: ['energy'],
        targets: { areas: [String(w.home.id)] },
        schedule: { kind: 'daily', at: '02:00' },
      },
    }),
  },
  'PATCH /api/collection/plans/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/collection/plans/${await newPlan(w)}`,
      payload: { schedule: { kind: 'interval', everyMinutes: 30, offsetMinutes: 7 } },
    }),
  },
  'POST /api/collection/plans/:id/run': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'POST', url: `/api/collection/plans/${await newPlan(w)}/run` }),
  },
  'GET /api/collection/plans': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/collection/plans' }),
  },
  'GET /api/collection/runs': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/collection/runs' }),
  },
  'GET /api/collection/runs/events': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/collection/runs/events?maxSeconds=0' }),
  },
  'GET /api/collection/runs/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/collection/runs/${await newRun(w)}` }),
  },
  'GET /api/collection/runs/:id/meters': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/collection/runs/${await newRun(w)}/meters?failedOnly=true`,
    }),
  },
  'GET /api/collection/runs/:id/events': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/collection/runs/${await newRun(w)}/events` }),
  },
  // Operations: public, answering in plain text; /metrics to loopback (inject's address) without a token.
  'GET /healthz': { outsider: 'allowed', call: async () => ({ method: 'GET', url: '/healthz' }) },
  'GET /readyz': { outsider: 'allowed', call: async () => ({ method: 'GET', url: '/readyz' }) },
  'GET /metrics': { outsider: 'allowed', call: async () => ({ method: 'GET', url: '/metrics' }) },
  'POST /api/resident/code': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: '/api/resident/code',
      payload: { accountNo: w.fresh('NO'), phone: '13800000000' },
    }),
  },
  'POST /api/resident/session': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: '/api/resident/session',
      payload: { accountNo: w.fresh('NO'), code: '123456' },
    }),
  },
  'DELETE /api/resident/session': {
    outsider: 'allowed',
    call: async () => ({ method: 'DELETE', url: '/api/resident/session' }),
  },
  'GET /api/resident/account': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/resident/account' }),
  },
  'GET /api/resident/usage/daily': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/resident/usage/daily?days=7' }),
  },
  'GET /api/resident/purchases': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/resident/purchases' }),
  },
  'GET /api/resident/alarms': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/resident/alarms' }),
  },
  'POST /api/auth/login': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: '/api/auth/login',
      // A name of its own each time: failures lock per (username, address), and every call comes from here.
      payload: { username: w.fresh('nobody'), password: 'x' },
    }),
  },
  // Signs out a second session of the same user, so the actor stays signed in for the other routes.
  'POST /api/auth/logout': {
    outsider: 'allowed',
    call: async (w, actor) => ({
      method: 'POST',
      url: '/api/auth/logout',
      headers: await w.secondSession(actor),
    }),
  },
  'GET /api/auth/me': { outsider: 'allowed', call: async () => ({ method: 'GET', url: '/api/auth/me' }) },
  'POST /api/auth/tokens': {
    outsider: 'allowed',
    call: async () => ({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'probe', days: 1 } }),
  },
  'GET /api/auth/tokens': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/auth/tokens' }),
  },
  'DELETE /api/auth/tokens/:id': {
    outsider: 'allowed',
    call: async (w, actor) => ({ method: 'DELETE', url: `/api/auth/tokens/${await w.bearerTokenOf(actor)}` }),
  },
  'GET /api/areas': { outsider: 'empty', call: async () => ({ method: 'GET', url: '/api/areas' }) },
  'GET /api/areas/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/areas/${w.home.id}` }),
  },
  'POST /api/areas': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/areas',
      payload: { parentId: w.home.id, kind: 'building', code: w.fresh('B'), name: 'b' },
    }),
  },
  'PATCH /api/areas/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/areas/${w.home.id}`,
      payload: { name: w.fresh('home ') },
    }),
  },
  'DELETE /api/areas/:id': {
    outsider: 'forbidden',
    call: async (w) => {
      const area = await w.store.areas.create(
        { parentId: w.home.id, kind: 'floor', code: w.fresh('D'), name: 'd' },
        harnessNow,
      );
      return { method: 'DELETE', url: `/api/areas/${area.id}` };
    },
  },
  'GET /api/terminals': { outsider: 'empty', call: async () => ({ method: 'GET', url: '/api/terminals' }) },
  'GET /api/terminals/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/terminals/${w.terminalId}` }),
  },
  'POST /api/terminals': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/terminals',
      payload: {
        areaId: w.home.id,
        name: 't',
        model: 'DH604',
        mode: 'tcp_client',
        // Each terminal its own registration: two with one are refused (TERMINAL_REGISTRATION_CLASH).
        address: w.fresh('reg-'),
        ports: [port],
      },
    }),
  },
  'PATCH /api/terminals/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/terminals/${w.terminalId}`,
      payload: { name: w.fresh('t') },
    }),
  },
  'DELETE /api/terminals/:id': {
    outsider: 'forbidden',
    call: async (w) => {
      const t = await w.store.terminals.create(
        { areaId: w.home.id, name: 'x', model: 'x', mode: 'tcp_client', address: 'x' },
        [],
        harnessNow,
      );
      return { method: 'DELETE', url: `/api/terminals/${t.id}` };
    },
  },
  'GET /api/concentrators': {
    outsider: 'empty',
    call: async () => ({ method: 'GET', url: '/api/concentrators' }),
  },
  'GET /api/concentrators/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/concentrators/${await newConcentrator(w)}` }),
  },
  'GET /api/concentrators/:id/meters': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/concentrators/${await newConcentrator(w)}/meters` }),
  },
  'POST /api/concentrators': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'POST', url: '/api/concentrators', payload: concentratorPayload(w) }),
  },
  'PATCH /api/concentrators/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/concentrators/${await newConcentrator(w)}`,
      payload: { name: w.fresh('JZQ') },
    }),
  },
  'DELETE /api/concentrators/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'DELETE', url: `/api/concentrators/${await newConcentrator(w)}` }),
  },
  'PUT /api/meters/:id/concentrator-point': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PUT',
      url: `/api/meters/${await newMeter(w)}/concentrator-point`,
      payload: { concentratorId: await newConcentrator(w), point: 1 },
    }),
  },
  'GET /api/meter-types': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/meter-types' }),
  },
  'GET /api/meter-types/:id': {
    outsider: 'allowed',
    call: async (w) => ({ method: 'GET', url: `/api/meter-types/${w.meterTypeId}` }),
  },
  'POST /api/meter-types': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: '/api/meter-types',
      payload: {
        code: w.fresh('MT'),
        name: 'n',
        model: 'm',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
    }),
  },
  'PATCH /api/meter-types/:id': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/meter-types/${w.meterTypeId}`,
      payload: { name: w.fresh('n') },
    }),
  },
  'GET /api/price-types': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/price-types' }),
  },
  'GET /api/price-types/:id': {
    outsider: 'allowed',
    call: async (w) => ({ method: 'GET', url: `/api/price-types/${w.priceTypeId}` }),
  },
  'POST /api/price-types': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: '/api/price-types',
      payload: { code: w.fresh('P'), name: 'p', unitPriceMilliFenPerKwh: 52_830 },
    }),
  },
  'PATCH /api/price-types/:id': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/price-types/${w.priceTypeId}`,
      payload: { name: w.fresh('p') },
    }),
  },
  'GET /api/meters': { outsider: 'empty', call: async () => ({ method: 'GET', url: '/api/meters' }) },
  'GET /api/meters/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/meters/${w.meterId}` }),
  },
  'GET /api/meters/:id/account': {
    outsider: 'forbidden',
    call: async (w) => {
      const account = await w.store.accounts.get(w.accountId);
      return { method: 'GET', url: `/api/meters/${account?.meterId}/account` };
    },
  },
  'POST /api/meters': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'POST', url: '/api/meters', payload: meterPayload(w) }),
  },
  'POST /api/meters/batch': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/meters/batch',
      payload: { meters: [meterPayload(w), meterPayload(w)] },
    }),
  },
  'PATCH /api/meters/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/meters/${w.meterId}`,
      payload: { ctPrimary: 5, ctSecondary: 5 },
    }),
  },
  'DELETE /api/meters/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'DELETE', url: `/api/meters/${await newMeter(w)}` }),
  },
  'GET /api/customers': { outsider: 'empty', call: async () => ({ method: 'GET', url: '/api/customers' }) },
  'GET /api/customers/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/customers/${w.customerId}` }),
  },
  'POST /api/customers': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/customers',
      payload: {
        code: w.fresh('C'),
        name: '张三',
        unit: '',
        address: '1-101',
        idNumber: '',
        areaId: w.home.id,
      },
    }),
  },
  'PATCH /api/customers/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/customers/${w.customerId}`,
      payload: { address: w.fresh('room ') },
    }),
  },
  'GET /api/accounts': { outsider: 'empty', call: async () => ({ method: 'GET', url: '/api/accounts' }) },
  'GET /api/accounts/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/accounts/${w.accountId}` }),
  },
  'POST /api/accounts': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        accountNo: w.fresh('AC'),
        customerId: w.customerId,
        meterId: await newMeter(w),
        ...accountSettings(w),
      },
    }),
  },
  'POST /api/accounts/batch': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/accounts/batch',
      payload: {
        settings: accountSettings(w),
        accounts: [
          { accountNo: w.fresh('AB'), customerId: w.customerId, meterId: await newMeter(w) },
          { accountNo: w.fresh('AB'), customerId: w.customerId, meterId: await newMeter(w) },
        ],
      },
    }),
  },
  'PATCH /api/accounts/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/accounts/${w.accountId}`,
      payload: { alarmEnergyWh: 5000 },
    }),
  },
  'POST /api/accounts/:id/close': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'POST', url: `/api/accounts/${await newAccount(w)}/close` }),
  },
  'GET /api/users': { outsider: 'allowed', call: async () => ({ method: 'GET', url: '/api/users' }) },
  'GET /api/users/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/users/${w.userId}` }),
  },
  'POST /api/users': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: w.fresh('u'),
        displayName: '',
        password: 'a long enough password',
        role: 'viewer',
        areaIds: [w.home.id],
      },
    }),
  },
  'PATCH /api/users/:id': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PATCH',
      url: `/api/users/${w.userId}`,
      payload: { areaIds: [w.home.id] },
    }),
  },
  'GET /api/users/me/notifications': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/users/me/notifications' }),
  },
  'PUT /api/users/me/notifications': {
    outsider: 'allowed',
    call: async () => ({
      method: 'PUT',
      url: '/api/users/me/notifications',
      payload: { email: 'me@example.com', delivery: 'digest' },
    }),
  },
  'GET /api/users/:id/notifications': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/users/${w.userId}/notifications` }),
  },
  'PUT /api/users/:id/notifications': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PUT',
      url: `/api/users/${w.userId}/notifications`,
      payload: { email: null, delivery: 'off' },
    }),
  },
  'GET /api/meters/import-template': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/meters/import-template?format=csv' }),
  },
  'GET /api/customers/import-template': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/customers/import-template?format=xlsx' }),
  },
  'GET /api/meters/export': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/meters/export?format=csv' }),
  },
  'GET /api/customers/export': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/customers/export?format=csv' }),
  },
  'POST /api/meters/import': {
    outsider: 'importRejected',
    call: async (w) => {
      const m = meterPayload(w);
      const type = await w.store.meterTypes.get(w.meterTypeId);
      return {
        method: 'POST',
        url: '/api/meters/import?format=csv',
        headers: { 'content-type': 'text/csv' },
        payload: `factoryNo,commAddress,meterTypeCode,areaCode\n${m.factoryNo},${m.commAddress},${type?.code},${w.home.code}\n`,
      };
    },
  },
  'POST /api/customers/import': {
    outsider: 'importRejected',
    call: async (w) => ({
      method: 'POST',
      url: '/api/customers/import?format=csv',
      headers: { 'content-type': 'text/csv' },
      payload: `code,name,areaCode\n${w.fresh('C')},n,${w.home.code}\n`,
    }),
  },
  'GET /api/audit': { outsider: 'allowed', call: async () => ({ method: 'GET', url: '/api/audit' }) },
  'POST /api/ledger/check': {
    outsider: 'allowed',
    call: async () => ({ method: 'POST', url: '/api/ledger/check' }),
  },
  'POST /api/ledger/rebuild': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'POST', url: '/api/ledger/rebuild', payload: { accountId: w.accountId } }),
  },
  'GET /api/audit/verify': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/audit/verify' }),
  },
  'GET /api/vending/accounts': {
    outsider: 'empty',
    call: async () => ({ method: 'GET', url: '/api/vending/accounts?q=AC' }),
  },
  'GET /api/vending/accounts/:id': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/vending/accounts/${w.accountId}` }),
  },
  'GET /api/vending/accounts/:id/entries': {
    outsider: 'forbidden',
    call: async (w) => ({ method: 'GET', url: `/api/vending/accounts/${w.accountId}/entries` }),
  },
  'GET /api/vending/accounts/:id/quote': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/vending/accounts/${w.accountId}/quote?by=energy&energyWh=1000`,
    }),
  },
  'POST /api/vending/accounts/:id/sales': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/accounts/${await newAccount(w)}/sales`,
      payload: { requestId: w.fresh('R'), by: 'energy', energyWh: 1000, card: blankCard },
    }),
  },
  'POST /api/vending/entries/:id/cancel': {
    outsider: 'forbidden',
    call: async (w) => {
      const { saleId, card } = await accountWithSale(w);
      return {
        method: 'POST',
        url: `/api/vending/entries/${saleId}/cancel`,
        payload: { requestId: w.fresh('R'), reason: 'wrong amount', card },
      };
    },
  },
  'POST /api/vending/accounts/:id/refunds': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/accounts/${(await accountWithSale(w)).accountId}/refunds`,
      payload: { requestId: w.fresh('R'), amountFen: 1, energyWh: 0, reason: 'overcharged' },
    }),
  },
  'POST /api/vending/accounts/:id/adjustments': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/accounts/${w.accountId}/adjustments`,
      payload: { requestId: w.fresh('R'), adjustmentWh: 12_000, reason: 'meter replaced' },
    }),
  },
  'POST /api/vending/accounts/:id/reprint': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/accounts/${(await accountWithSale(w)).accountId}/reprint`,
    }),
  },
  'POST /api/vending/accounts/:id/card-replacement': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/accounts/${w.accountId}/card-replacement`,
      payload: { requestId: w.fresh('R'), reason: 'lost' },
    }),
  },
  'POST /api/vending/accounts/:id/locked-card-transfer': {
    outsider: 'forbidden',
    call: async (w) => {
      const { accountId, card } = await accountWithSale(w);
      return {
        method: 'POST',
        url: `/api/vending/accounts/${accountId}/locked-card-transfer`,
        payload: {
          requestId: w.fresh('T'),
          lockedCard: { ...card, cardId: w.fresh('LOCKED'), wrongPasswordAttempts: 3 },
          newCard: { ...blankCard, cardId: w.fresh('NEW') },
          reason: 'locked after three wrong passwords',
        },
      };
    },
  },
  'POST /api/vending/special-cards': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: '/api/vending/special-cards',
      payload: {
        requestId: w.fresh('K'),
        kind: 'clear',
        areaCode: w.home.code,
        meterNo: (await w.store.meters.get(w.meterId))?.factoryNo,
        card: { ...blankCard, cardId: w.fresh('CLEAR') },
      },
    }),
  },
  'GET /api/vending/approvals': {
    outsider: 'empty',
    call: async () => ({ method: 'GET', url: '/api/vending/approvals' }),
  },
  'POST /api/vending/approvals/:id/approve': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/approvals/${await pendingAdjustment(w)}/approve`,
      payload: {},
    }),
  },
  'POST /api/vending/approvals/:id/refuse': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/approvals/${await pendingAdjustment(w)}/refuse`,
      payload: { reason: 'no proof' },
    }),
  },
  'POST /api/vending/card-readings': {
    // Refused reading by reading, in words (outside your areas), not as a whole.
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: '/api/vending/card-readings',
      payload: {
        card: {
          ...blankCard,
          cardId: w.fresh('READ'),
          data: {
            kind: 'meter_reading',
            readings: [
              {
                meterNo: (await w.store.meters.get(w.meterId))?.factoryNo,
                remainingKwh: 10,
                totalKwh: 120,
                purchaseCount: 1,
                statusWord: 0,
              },
            ],
          },
        },
      },
    }),
  },
  'POST /api/vending/entries/:id/top-up': {
    outsider: 'forbidden',
    call: async (w) => {
      const { accountId, saleId } = await accountWithSale(w);
      await w.store.accounts.update(accountId, { prepaidMode: 'local' }, harnessNow);
      return {
        method: 'POST',
        url: `/api/vending/entries/${saleId}/top-up`,
        payload: { requestId: w.fresh('T') },
      };
    },
  },
  'POST /api/vending/accounts/:id/charge': {
    outsider: 'forbidden',
    call: async (w) => {
      const accountId = await newAccount(w);
      const account = await w.store.accounts.update(accountId, { prepaidMode: 'remote' }, harnessNow);
      const reading = (readAt: number, activeImportWh: number) => ({
        meterId: account?.meterId ?? 0,
        readAt,
        activeImportWh,
        receivedAt: readAt,
      });
      await w.store.readings.insertEnergy([
        reading(harnessNow + 1000, 5000),
        reading(harnessNow + 2000, 6000),
      ]);
      return { method: 'POST', url: `/api/vending/accounts/${accountId}/charge` };
    },
  },
  'POST /api/vending/accounts/:id/meter-replacement': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'POST',
      url: `/api/vending/accounts/${await newAccount(w)}/meter-replacement`,
      payload: {
        requestId: w.fresh('R'),
        newMeterId: await newMeter(w),
        oldRemainingWh: 12_000,
        reason: 'faulty',
      },
    }),
  },
  'PUT /api/vending/accounts/:id/preset': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'PUT',
      url: `/api/vending/accounts/${w.accountId}/preset`,
      payload: { presetKwh: 12 },
    }),
  },
  'GET /api/vending/entries/:id/receipt': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/vending/entries/${(await accountWithSale(w)).saleId}/receipt`,
    }),
  },
  'GET /api/vending/entries/:id/receipt.pdf': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/vending/entries/${(await accountWithSale(w)).saleId}/receipt.pdf`,
    }),
  },
  'GET /api/vending/reports/sales': {
    outsider: 'allowed',
    call: async () => ({ method: 'GET', url: '/api/vending/reports/sales?from=2026-11-01&to=2026-11-30' }),
  },
  'GET /api/vending/reports/reconciliation': {
    outsider: 'allowed',
    call: async () => ({
      method: 'GET',
      url: '/api/vending/reports/reconciliation?from=2026-11-22&to=2026-11-22',
    }),
  },
  'GET /api/reports/energy': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/reports/energy?granularity=day&from=2026-11-01&to=2026-11-30&areaId=${w.home.id}`,
    }),
  },
  'GET /api/reports/line-loss': {
    outsider: 'forbidden',
    call: async (w) => ({
      method: 'GET',
      url: `/api/reports/line-loss?period=day&from=2026-11-01&to=2026-11-30&areaId=${w.home.id}`,
    }),
  },
  'GET /api/price-types/:id/tariffs': {
    outsider: 'allowed',
    call: async (w) => ({ method: 'GET', url: `/api/price-types/${w.priceTypeId}/tariffs` }),
  },
  'POST /api/price-types/:id/tariffs': {
    outsider: 'allowed',
    call: async (w) => ({
      method: 'POST',
      url: `/api/price-types/${w.priceTypeId}/tariffs`,
      payload: {
        effectiveFrom: harnessNow + 86_400_000,
        tariff: { kind: 'flat', priceE4FenPerKwh: 528_300 },
      },
    }),
  },
  // Sign-in's second step, enrolment and the own password come last: they change the actor's sign-in.
  'POST /api/auth/login/second-factor': {
    outsider: 'allowed',
    call: async () => ({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge: 'none', code: '123456' },
    }),
  },
  'POST /api/auth/totp/enrolment': {
    outsider: 'allowed',
    call: async () => ({ method: 'POST', url: '/api/auth/totp/enrolment' }),
  },
  'POST /api/auth/totp/confirmation': {
    outsider: 'allowed',
    call: async (w, actor) => {
      const secret = newTotpSecret();
      await w.store.secondFactors.startTotp(actor.userId, secret, harnessNow);
      return {
        method: 'POST',
        url: '/api/auth/totp/confirmation',
        payload: { code: totpCode(secret, harnessNow) },
      };
    },
  },
  'POST /api/auth/totp/disable': {
    outsider: 'allowed',
    call: async (w, actor) => {
      await w.store.secondFactors.startTotp(actor.userId, newTotpSecret(), harnessNow);
      await w.store.secondFactors.confirmTotp(actor.userId, harnessNow);
      await w.store.secondFactors.setRecoveryCodes(actor.userId, [recoveryCodeHash('route-table')]);
      return {
        method: 'POST',
        url: '/api/auth/totp/disable',
        payload: { password: testPassword, code: 'route-table' },
      };
    },
  },
  'POST /api/auth/password': {
    outsider: 'allowed',
    call: async () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: testPassword, newPassword: testPassword },
    }),
  },
};

/**
 * The resident's two sign-in steps are public and answer everyone alike: a code request is taken (and
 * audited under the account number typed, not the caller), a code for an account number nobody asked for is
 * refused. Returns false for other routes.
 */
async function residentStepChecked(
  key: string,
  response: { statusCode: number; body: string; json: <T>() => T },
  store: Store,
): Promise<boolean> {
  if (key === 'POST /api/resident/code') {
    expect(response.statusCode, response.body).toBe(202);
    expect(await lastAudit(store)).toMatchObject({ action: 'resident.codeRequested', actorUserId: null });
    return true;
  }
  if (key === 'POST /api/resident/session') {
    expect(response.json()).toMatchObject({ code: 'RESIDENT_CODE_INVALID' });
    return true;
  }
  return false;
}

/** Staff sessions never pass a resident route, and residents' sessions never pass a staff route. */
function expectUnauthenticated(response: { statusCode: number; body: string; json: <T>() => T }) {
  expect(response.statusCode, response.body).toBe(401);
  expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
}

async function lastAudit(store: Store) {
  return (await store.audit.list({}, { offset: 0, limit: 1, sort: 'id', direction: 'desc' })).items[0];
}

function injection(call: Call, actor: Actor): InjectOptions {
  return {
    method: call.method,
    url: call.url,
    headers: { ...actor.headers, ...call.headers },
    ...(call.payload === undefined ? {} : { payload: call.payload as string | object }),
  };
}

describeEachEngine('route table', (context) => {
  let app: App;
  let world: World;
  const actors = new Map<Role, Actor>();
  let outsider: Actor;
  let resident: ResidentActor;
  /** A resident of their own account, signed in through the code sent to their phone. */
  const residentOfNewAccount = async (phone: string) => {
    const account = await world.store.accounts.open(
      {
        ...accountSettings(world),
        accountNo: world.fresh('RA'),
        customerId: world.customerId,
        meterId: await newMeter(world),
        phones: JSON.stringify([phone]),
        openedAt: harnessNow,
      },
      harnessNow,
    );
    return signInResident(app, world.store, account, phone);
  };

  beforeAll(async () => {
    const store = context.store;
    app = await appFor(store, undefined, new FakeField(store, () => harnessNow));
    let n = 0;
    const fresh = (prefix: string) =>
      `${prefix}${Date.now().toString(36)}${(n++).toString().padStart(5, '0')}`;
    const region = await store.areas.create(
      { parentId: null, kind: 'region', code: fresh('R'), name: 'region' },
      harnessNow,
    );
    const home = await store.areas.create(
      { parentId: region.id, kind: 'community', code: fresh('H'), name: 'home' },
      harnessNow,
    );
    const elsewhere = await store.areas.create(
      { parentId: null, kind: 'region', code: fresh('E'), name: 'elsewhere' },
      harnessNow,
    );
    const meterType = await store.meterTypes.create(
      {
        code: fresh('MT'),
        name: 'n',
        model: 'm',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      harnessNow,
    );
    const priceType = await store.priceTypes.create(
      { code: fresh('P'), name: 'p', unitPriceMilliFenPerKwh: 1 },
      null,
      harnessNow,
    );
    const terminal = await store.terminals.create(
      { areaId: home.id, name: 't', model: 'DH604', mode: 'tcp_client', address: '10.0.0.1:4001' },
      [{ ...port }],
      harnessNow,
    );
    const secondSession = async (actor: Actor) => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: actor.username, password: testPassword },
      });
      const cookie = login.cookies.find((c) => c.name === 'openami_session')?.value ?? '';
      return {
        cookie: `openami_session=${cookie}`,
        'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
      };
    };
    const bearerTokenOf = async (actor: Actor) => {
      const hash = tokenHash(`oat_${fresh('t')}`);
      await store.sessions.create({
        tokenHash: hash,
        userId: actor.userId,
        kind: 'bearer',
        name: 'probe',
        csrfToken: '',
        createdAt: harnessNow,
        expiresAt: harnessNow + 3_600_000,
        sourceIp: '127.0.0.1',
      });
      return hash;
    };
    const partial = {
      bearerTokenOf,
      secondSession,
      store,
      home,
      meterTypeId: meterType.id,
      priceTypeId: priceType.id,
      terminalId: terminal.id,
      fresh,
      meterId: 0,
      customerId: 0,
      accountId: 0,
      userId: 0,
    };
    const meterId = await newMeter(partial);
    const customerId = await newCustomer(partial);
    const accountId = await newAccount({ ...partial, customerId });
    const user = await store.users.create(
      {
        username: fresh('target'),
        displayName: '',
        passwordHash: 'x',
        role: 'viewer',
        allAreas: false,
        locale: 'en',
      },
      harnessNow,
    );
    await store.users.setAreas(user.id, [partial.home.id]);
    world = { ...partial, meterId, customerId, accountId, userId: user.id };
    for (const role of roles) actors.set(role, await signIn(app, store, role, [region]));
    outsider = await signIn(app, store, 'administrator', [elsewhere]);
    resident = await residentOfNewAccount('13900000001');
  });
  afterAll(() => app.close());

  it('has a fixture for every route, and every route states its access', () => {
    const routes = app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));
    for (const route of routes) {
      expect(route.access, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.keys(fixtures), `fixture for ${route.method} ${route.url}`).toContain(
        `${route.method} ${route.url}`,
      );
    }
    expect(routes).toHaveLength(Object.keys(fixtures).length);
  });

  describe.each(Object.entries(fixtures))('%s', (key, fixture) => {
    const access = () => app.routeTable.find((r) => `${r.method} ${r.url}` === key)?.access;

    it.each(roles)('as %s', async (role) => {
      const actor = actors.get(role);
      if (actor === undefined) throw new Error(`no actor for ${role}`);
      const call = await fixture.call(world, actor);
      const auditBefore = await lastAudit(world.store);
      const response = await app.inject(injection(call, actor));
      const granted = access();
      if (await residentStepChecked(key, response, world.store)) return;
      if (granted === 'resident') return expectUnauthenticated(response);
      const allowed =
        granted === 'public' || granted === 'session' || (granted !== undefined && roleAllows(role, granted));
      if (!allowed) {
        expect(response.statusCode, response.body).toBe(403);
        expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
      } else if (key === 'POST /api/auth/login') {
        expect(response.json()).toMatchObject({ code: 'BAD_CREDENTIALS' });
      } else if (key === 'POST /api/auth/login/second-factor') {
        expect(response.json()).toMatchObject({ code: 'SIGN_IN_EXPIRED' });
      } else {
        expect(response.statusCode, response.body).toBeLessThan(300);
        // Every write through the API leaves an audit entry naming who, and from where.
        if (call.method !== 'GET') {
          const entry = await lastAudit(world.store);
          expect(entry?.id, 'audited').toBeGreaterThan(auditBefore?.id ?? 0);
          expect(entry).toMatchObject({
            actorUserId: actor.userId,
            actorName: actor.username,
            sourceIp: '127.0.0.1',
          });
        }
      }
    });

    it('as an administrator of another area', async () => {
      const call = await fixture.call(world, outsider);
      const response = await app.inject(injection(call, outsider));
      if (await residentStepChecked(key, response, world.store)) return;
      if (access() === 'resident') return expectUnauthenticated(response);
      if (key === 'POST /api/auth/login') {
        expect(response.json()).toMatchObject({ code: 'BAD_CREDENTIALS' });
      } else if (key === 'POST /api/auth/login/second-factor') {
        expect(response.json()).toMatchObject({ code: 'SIGN_IN_EXPIRED' });
      } else if (fixture.outsider === 'forbidden') {
        expect(response.statusCode, response.body).toBe(403);
        expect(response.json()).toMatchObject({ code: 'AREA_FORBIDDEN' });
      } else if (fixture.outsider === 'importRejected') {
        expect(response.statusCode, response.body).toBe(422);
        expect(response.json()).toMatchObject({
          code: 'IMPORT_REJECTED',
          details: { problems: [{ code: 'outsideAreas' }] },
        });
      } else if (fixture.outsider === 'empty') {
        expect(response.statusCode, response.body).toBe(200);
        const ids = response.json<{ items: { id: number }[] }>().items.map((i) => i.id);
        expect(ids).not.toContain(world.meterId);
        expect(ids).not.toContain(world.home.id);
        expect(ids).not.toContain(world.customerId);
      } else {
        expect(response.statusCode, response.body).toBeLessThan(300);
      }
    });
  });

  describe('as a resident', () => {
    it.each(Object.entries(fixtures))('%s', async (key, fixture) => {
      const granted = app.routeTable.find((r) => `${r.method} ${r.url}` === key)?.access;
      const administrator = actors.get('administrator');
      if (administrator === undefined) throw new Error('no administrator');
      // Signing out ends the session, so that one gets a resident of its own.
      const who =
        key === 'DELETE /api/resident/session' ? await residentOfNewAccount('13900000002') : resident;
      const call = await fixture.call(world, administrator);
      // Only the resident's cookie goes, whatever staff headers the fixture brings.
      const response = await app.inject(
        injection({ ...call, headers: {} }, { userId: 0, username: 'resident', headers: who.headers }),
      );
      if (await residentStepChecked(key, response, world.store)) return;
      if (granted === 'resident') {
        expect(response.statusCode, response.body).toBeLessThan(300);
        if (call.method !== 'GET') {
          expect(await lastAudit(world.store)).toMatchObject({
            action: 'resident.signOut',
            actorName: `resident:${who.accountNo}`,
          });
        }
      } else if (granted !== 'public') {
        expectUnauthenticated(response);
      }
    });
  });
});
