import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeAccount, testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('resident access', (context) => {
  const code = (accountNo: string, accountId: number | null, sourceIp: string, at: number) => ({
    accountNo,
    accountId,
    phone: '13800000000',
    codeSalt: 'salt',
    codeHash: 'hash',
    sourceIp,
    createdAt: at,
    expiresAt: at + 300_000,
  });

  it('counts requests per account number and per address, known or not', async () => {
    const { account } = await makeAccount(context.store);
    const ip = unique('10.');
    const unknown = unique('NO');
    const repo = context.store.residentAccess;
    await repo.recordCode(code(account.accountNo, account.id, ip, testNow));
    await repo.recordCode(code(unknown, null, ip, testNow + 1000));
    expect(await repo.codesSince({ accountNo: account.accountNo }, testNow)).toEqual([testNow]);
    expect(await repo.codesSince({ accountNo: unknown }, testNow)).toEqual([testNow + 1000]);
    expect(await repo.codesSince({ sourceIp: ip }, testNow)).toEqual([testNow, testNow + 1000]);
    expect(await repo.codesSince({ sourceIp: ip }, testNow + 1)).toEqual([testNow + 1000]);
    expect((await repo.openAccount(account.accountNo))?.id).toBe(account.id);
    expect(await repo.openAccount(unknown)).toBeUndefined();
  });

  it('keeps every sent code live until used, tried out or expired, counts tries to a limit, and uses a code once', async () => {
    const { account } = await makeAccount(context.store);
    const repo = context.store.residentAccess;
    const first = await repo.recordCode(code(account.accountNo, account.id, '127.0.0.1', testNow));
    const second = await repo.recordCode(code(account.accountNo, account.id, '127.0.0.1', testNow + 60_000));
    // A request that matched no phone holds no code, and does not push the codes sent aside.
    await repo.recordCode(code(account.accountNo, null, '10.6.6.6', testNow + 60_500));
    const live = await repo.liveCodes(account.accountNo, testNow + 61_000);
    expect(live.map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await repo.liveCodes(account.accountNo, testNow + 330_000)).map((c) => c.id)).toEqual([
      second.id,
    ]);
    expect(await repo.liveCodes(account.accountNo, testNow + 360_000)).toEqual([]);

    const tries = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => repo.countAttempt(second.id, 5)));
    expect(tries.filter(Boolean)).toHaveLength(5);
    expect((await repo.liveCodes(account.accountNo, testNow + 61_000))[0]?.attempts).toBe(5);

    const uses = await Promise.all([
      repo.useCode(second.id, testNow + 62_000),
      repo.useCode(second.id, testNow),
    ]);
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect((await repo.liveCodes(account.accountNo, testNow + 63_000)).map((c) => c.id)).toEqual([first.id]);
  });

  it('counts requests per account number and phone, and takes the request lock inside a transaction', async () => {
    const { account } = await makeAccount(context.store);
    const repo = context.store.residentAccess;
    await repo.recordCode(code(account.accountNo, account.id, '127.0.0.1', testNow));
    await repo.recordCode({
      ...code(account.accountNo, null, '127.0.0.1', testNow + 1),
      phone: '13900000000',
    });
    expect(await repo.codesSince({ accountNo: account.accountNo, phone: '13800000000' }, testNow)).toEqual([
      testNow,
    ]);
    expect(await repo.codesSince({ accountNo: account.accountNo }, testNow)).toHaveLength(2);
    await context.store.transaction(async (tx) => {
      await tx.residentAccess.lockRequests(account.accountNo, '127.0.0.1');
      await tx.residentAccess.lockRequests(account.accountNo, '127.0.0.1');
    });
  });

  it('finds a live session of an open account and forgets expired ones', async () => {
    const { account } = await makeAccount(context.store);
    const repo = context.store.residentAccess;
    const tokenHash = unique('h');
    await repo.createSession({
      tokenHash,
      accountId: account.id,
      csrfToken: 'c',
      sourceIp: '127.0.0.1',
      createdAt: testNow,
      expiresAt: testNow + 1000,
    });
    expect(await repo.findSession(tokenHash, testNow)).toMatchObject({
      accountId: account.id,
      accountNo: account.accountNo,
      csrfToken: 'c',
    });
    expect(await repo.findSession(tokenHash, testNow + 1000)).toBeUndefined();
    await context.store.accounts.close(account.id, testNow);
    expect(await repo.findSession(tokenHash, testNow)).toBeUndefined();
    expect(await repo.deleteExpired(testNow + 1000, 3_600_000)).toBeGreaterThanOrEqual(1);
    await repo.deleteSession(tokenHash);
  });

  it('lists purchases without metered charges and reads the latest reading', async () => {
    const { account, meter } = await makeAccount(context.store);
    const entry = (kind: 'sale' | 'charge', n: number) => ({
      accountId: account.id,
      meterId: meter.id,
      kind,
      amountFen: kind === 'sale' ? 1000 : -50,
      energyWh: kind === 'sale' ? 2000 : -100,
      adjustmentWh: 0,
      purchaseCount: kind === 'sale' ? n : null,
      writeKwh: null,
      refersToId: null,
      tierCycle: null,
      priceTypeVersionId: null,
      tariffVersionId: null,
      requestId: unique('r'),
      requestFingerprint: 'x',
      invoiceNo: null,
      operatorUserId: null,
      operatorName: 'test',
      details: {},
      createdAt: testNow + n,
    });
    await context.store.ledger.append(entry('sale', 1));
    await context.store.ledger.append(entry('charge', 2));
    await context.store.ledger.append(entry('sale', 3));
    const purchases = await context.store.residentView.purchases(account.id, 10);
    expect(purchases.map((p) => [p.kind, p.purchaseCount])).toEqual([
      ['sale', 3],
      ['sale', 1],
    ]);
    expect(await context.store.residentView.purchases(account.id, 1)).toHaveLength(1);

    expect(await context.store.residentView.latestReading(meter.id)).toBeUndefined();
    await context.store.readings.insertEnergy([
      { meterId: meter.id, readAt: testNow, activeImportWh: 1000, receivedAt: testNow },
      { meterId: meter.id, readAt: testNow + 5000, activeImportWh: 1500, receivedAt: testNow + 5000 },
    ]);
    expect(await context.store.residentView.latestReading(meter.id)).toMatchObject({
      readAt: testNow + 5000,
      activeImportWh: 1500,
    });
  });
});
