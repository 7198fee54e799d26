import { LogChannel, Notifier } from '@openami/alarms';
import type { AccountRow, Store } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appFor, harnessNow } from '../../test/harness.ts';
import { codeSentTo, signInResident } from '../../test/resident.ts';
import type { App } from '../app.ts';
import { buildApp } from '../app.ts';

let sequence = 0;
const fresh = (prefix: string) => `${prefix}${process.pid}${(sequence++).toString().padStart(4, '0')}`;

async function openAccount(store: Store, phones: string[], prepaidMode = 'card'): Promise<AccountRow> {
  const area = await store.areas.create(
    { parentId: null, kind: 'community', code: fresh('A'), name: 'a' },
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
  const version = await store.meterTypes.currentVersion(meterType.id);
  const meter = await store.meters.stockIn(
    {
      factoryNo: fresh('F'),
      commAddress: fresh('').padStart(12, '0').slice(-12),
      meterTypeId: meterType.id,
      meterTypeVersionId: version?.id ?? 0,
      startingReadingWh: 0,
      areaId: area.id,
      state: 'installed',
      terminalPortId: null,
      parentMeterId: null,
      ptPrimary: 1,
      ptSecondary: 1,
      ctPrimary: 1,
      ctSecondary: 1,
      multiplier: 1,
      stockedInAt: harnessNow,
    },
    harnessNow,
  );
  const customer = await store.customers.create(
    { code: fresh('C'), name: '王五', unit: '', address: '1-101', idNumber: '', areaId: area.id },
    null,
    harnessNow,
  );
  const priceType = await store.priceTypes.create(
    { code: fresh('P'), name: 'p', unitPriceMilliFenPerKwh: 528_300 },
    null,
    harnessNow,
  );
  return store.accounts.open(
    {
      accountNo: fresh('AC'),
      customerId: customer.id,
      meterId: meter.id,
      priceTypeId: priceType.id,
      prepaidMode,
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: JSON.stringify(phones),
      openedAt: harnessNow,
    },
    harnessNow,
  );
}

describeEachEngine('resident self-service', (context) => {
  let app: App;
  let now = harnessNow;
  beforeAll(async () => {
    app = await appFor(context.store, () => now);
  });
  afterAll(() => app.close());
  const requestCode = (accountNo: string, phone: string, ip = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/resident/code',
      payload: { accountNo, phone },
      remoteAddress: ip,
    });
  const signIn = (accountNo: string, code: string) =>
    app.inject({ method: 'POST', url: '/api/resident/session', payload: { accountNo, code } });

  it('answers a code request alike whether or not the account and the number match, and sends only to a match', async () => {
    const account = await openAccount(context.store, ['138 0000 1111']);
    const answers = await Promise.all([
      requestCode(fresh('NOPE'), '13800001111', '10.0.0.1'),
      requestCode(account.accountNo, '13999999999', '10.0.0.2'),
    ]);
    now += 61_000;
    answers.push(await requestCode(account.accountNo, '+86 138-0000-1111', '10.0.0.3'));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(Object.keys(answer.json()).sort()).toEqual(['expiresAt', 'resendAfterMs']);
    }
    const code = await codeSentTo(context.store, '13800001111', now);
    expect(code).toMatch(/^\d{6}$/);
    await expect(codeSentTo(context.store, '13999999999', now)).rejects.toThrow();
    // The number that matched nothing got no code, so nothing it could try signs in.
    expect((await signIn(account.accountNo, code)).statusCode).toBe(200);
    // A code opens one session.
    expect((await signIn(account.accountNo, code)).json()).toMatchObject({ code: 'RESIDENT_CODE_INVALID' });
    const audit = await context.store.audit.list({}, { offset: 0, limit: 10, sort: 'id', direction: 'desc' });
    expect(audit.items.map((e) => e.action)).toContain('resident.signIn');
    expect(audit.items.map((e) => e.action)).toContain('resident.signInFailed');
  });

  it('limits codes per account number and per address, and tries per code; codes expire', async () => {
    const account = await openAccount(context.store, ['13700000000']);
    expect((await requestCode(account.accountNo, '13700000000')).statusCode).toBe(202);
    const soon = await requestCode(account.accountNo, '13700000000');
    expect(soon.statusCode).toBe(429);
    expect(soon.json()).toMatchObject({ code: 'RESIDENT_CODE_TOO_SOON', details: { retryAfterSeconds: 60 } });
    const code = await codeSentTo(context.store, '13700000000', now);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await signIn(account.accountNo, wrong)).json()).toMatchObject({
        code: 'RESIDENT_CODE_INVALID',
      });
    }
    // Five wrong tries and the right code no longer opens anything.
    expect((await signIn(account.accountNo, code)).statusCode).toBe(401);

    for (let i = 0; i < 4; i++) {
      now += 61_000;
      expect((await requestCode(account.accountNo, '13700000000')).statusCode).toBe(202);
    }
    now += 61_000;
    expect((await requestCode(account.accountNo, '13700000000')).json()).toMatchObject({
      code: 'RATE_LIMITED',
    });

    const other = await openAccount(context.store, ['13600000000']);
    expect((await requestCode(other.accountNo, '13600000000')).statusCode).toBe(202);
    const late = await codeSentTo(context.store, '13600000000', now);
    now += 5 * 60_000;
    expect((await signIn(other.accountNo, late)).statusCode).toBe(401);

    const address = '10.9.9.9';
    const codes = [];
    for (let i = 0; i < 21; i++) codes.push(await requestCode(fresh('X'), '13500000000', address));
    expect(codes.filter((c) => c.statusCode === 202)).toHaveLength(20);
    expect(codes.filter((c) => c.json<{ code?: string }>().code === 'RATE_LIMITED')).toHaveLength(1);
  });

  it("shows the resident their own account's balance by mode, use, purchases and alarms, nobody else's", async () => {
    now += 3_600_000;
    const card = await openAccount(context.store, ['13400000000']);
    const remote = await openAccount(context.store, ['13400000001'], 'remote');
    const stranger = await openAccount(context.store, ['13400000002']);
    const reading = (meterId: number, readAt: number, extra: object) => ({
      meterId,
      readAt,
      activeImportWh: 5000,
      receivedAt: readAt,
      ...extra,
    });
    await context.store.readings.insertEnergy([
      reading(card.meterId, now - 1000, { remainingEnergyWh: 42_000 }),
      reading(stranger.meterId, now - 1000, { remainingEnergyWh: 1 }),
    ]);
    await context.store.readings.addDailyShares([
      { meterId: card.meterId, day: '2026-11-22', energyWh: 3000, readingWh: 5000, readAt: now - 1000 },
    ]);
    await context.store.alarms.raise(
      {
        kind: 'low-balance',
        objectType: 'meter',
        objectId: String(card.meterId),
        severity: 'minor',
        areaId: null,
        evidence: {},
      },
      now,
    );
    await context.store.alarms.raise(
      {
        kind: 'cover-open',
        objectType: 'meter',
        objectId: String(stranger.meterId),
        severity: 'critical',
        areaId: null,
        evidence: {},
      },
      now,
    );
    const resident = await signInResident(app, context.store, card, '13400000000', now);
    const get = (url: string, headers = resident.headers) => app.inject({ method: 'GET', url, headers });
    expect((await get('/api/resident/account')).json()).toMatchObject({
      accountNo: card.accountNo,
      prepaidMode: 'card',
      customerName: '王五',
      balance: { kind: 'energy', source: 'meter', energyWh: 42_000 },
    });
    const alarms = (await get('/api/resident/alarms')).json<{ items: { kind: string }[] }>().items;
    expect(alarms.map((a) => a.kind)).toEqual(['low-balance']);
    expect((await get('/api/resident/purchases')).json()).toEqual({ items: [] });
    expect((await get('/api/resident/usage/daily?days=30')).json()).toEqual({
      days: [{ day: '2026-11-22', energyWh: 3000 }],
    });

    now += 61_000;
    const remoteResident = await signInResident(app, context.store, remote, '13400000001', now);
    expect((await get('/api/resident/account', remoteResident.headers)).json()).toMatchObject({
      prepaidMode: 'remote',
      balance: { kind: 'money', source: 'ledger', amountFen: 0 },
    });

    // Signing out needs the CSRF token, and ends the session.
    const out = (headers: Record<string, string>) =>
      app.inject({ method: 'DELETE', url: '/api/resident/session', headers });
    expect((await out({ cookie: resident.headers.cookie ?? '' })).json()).toMatchObject({
      code: 'CSRF_FAILED',
    });
    expect((await out(resident.headers)).statusCode).toBe(204);
    expect((await get('/api/resident/account')).statusCode).toBe(401);
  });

  it('sends the code through the outbox even in quiet hours', async () => {
    const account = await openAccount(context.store, ['13300000000']);
    // 23:30 in Shanghai: quiet hours hold alarms to residents, not sign-in codes.
    const night = Date.UTC(2026, 10, 22, 15, 30);
    now = night;
    expect((await requestCode(account.accountNo, '13300000000')).statusCode).toBe(202);
    const lines: string[] = [];
    const notifier = new Notifier(context.store, {
      channels: { log: new LogChannel((line) => lines.push(line)) },
      now: () => night,
    });
    await notifier.drain();
    expect(lines.find((l) => l.startsWith('notify 13300000000:'))).toMatch(/验证码为 \d{6}/);
  });

  it('refuses to send codes without an SMS channel', async () => {
    const bare = await buildApp({
      checkResponses: true,
      store: context.store,
      config: { sessionTtlMs: 3_600_000, cookieSecure: false, trustProxy: false },
      clock: () => now,
    });
    const answer = await bare.inject({
      method: 'POST',
      url: '/api/resident/code',
      payload: { accountNo: 'x', phone: '13800000000' },
    });
    expect(answer.json()).toMatchObject({ code: 'RESIDENT_SIGN_IN_UNAVAILABLE' });
    await bare.close();
  });

  it('keeps a code good when another is asked for, and a stranger who knows only the account number neither cancels it nor uses up its quota', async () => {
    const account = await openAccount(context.store, ['13200000000']);
    expect((await requestCode(account.accountNo, '13200000000', '10.1.0.1')).statusCode).toBe(202);
    const first = await codeSentTo(context.store, '13200000000', now);
    now += 61_000;
    expect((await requestCode(account.accountNo, '13200000000', '10.1.0.1')).statusCode).toBe(202);
    const second = await codeSentTo(context.store, '13200000000', now);

    // A stranger from one address tries phone numbers against the account number: refused, in words, after
    // the address's twenty an hour.
    const stranger = '10.7.7.7';
    const tries = [];
    for (let i = 0; i < 21; i++) {
      tries.push(
        await app.inject({
          method: 'POST',
          url: '/api/resident/code',
          payload: { accountNo: account.accountNo, phone: `1390000${String(i).padStart(4, '0')}` },
          remoteAddress: stranger,
          headers: { 'accept-language': 'en' },
        }),
      );
    }
    expect(tries.filter((t) => t.statusCode === 202)).toHaveLength(20);
    expect(tries.at(-1)?.statusCode).toBe(429);
    expect(tries.at(-1)?.json()).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many requests; try again later',
    });

    // The resident can still ask again, and the codes already sent still open a session.
    now += 61_000;
    expect((await requestCode(account.accountNo, '13200000000', '10.1.0.1')).statusCode).toBe(202);
    expect((await signIn(account.accountNo, first)).statusCode).toBe(200);
    expect((await signIn(account.accountNo, first)).statusCode).toBe(401);
    expect((await signIn(account.accountNo, second)).statusCode).toBe(200);
  });

  it('checks the limits under a lock: twenty requests at once never pass them', async () => {
    const account = await openAccount(context.store, ['13100000000']);
    const together = await Promise.all(
      Array.from({ length: 20 }, (_, i) => requestCode(account.accountNo, '13100000000', `10.2.0.${i}`)),
    );
    expect(together.filter((t) => t.statusCode === 202)).toHaveLength(1);
    expect(
      together.filter((t) => t.json<{ code?: string }>().code === 'RESIDENT_CODE_TOO_SOON'),
    ).toHaveLength(19);

    const address = '10.3.3.3';
    const fromOne = await Promise.all(
      Array.from({ length: 25 }, () => requestCode(fresh('Y'), '13100000001', address)),
    );
    expect(fromOne.filter((t) => t.statusCode === 202)).toHaveLength(20);
    expect(fromOne.filter((t) => t.json<{ code?: string }>().code === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('keeps no digits of a code in the outbox once it has gone', async () => {
    const account = await openAccount(context.store, ['13000000000']);
    expect((await requestCode(account.accountNo, '13000000000')).statusCode).toBe(202);
    const outbox = () =>
      context.store.db
        .selectFrom('notifications')
        .select(['body', 'state'])
        .where('recipient', '=', '13000000000')
        .where('topic', '=', 'resident-code')
        .execute();
    const before = await outbox();
    const code = /(\d{6})/.exec(before[0]?.body ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const lines: string[] = [];
    const notifier = new Notifier(context.store, {
      channels: { log: new LogChannel((line) => lines.push(line)) },
      now: () => now,
    });
    await notifier.drain();
    expect(lines.find((l) => l.startsWith('notify 13000000000:'))).toContain(code);
    const after = await outbox();
    expect(after).toHaveLength(1);
    expect(after[0]?.state).toBe('delivered');
    expect(after[0]?.body).not.toContain(code ?? '');
    expect(after[0]?.body).not.toMatch(/\d{6}/);
    expect(after[0]?.body).toContain('验证码 ******');
    // The code itself still opens a session: only its text left the table.
    expect((await signIn(account.accountNo, code ?? '')).statusCode).toBe(200);
  });
});
