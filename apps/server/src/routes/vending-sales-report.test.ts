// The sales report in words (issue 22, items 15 and 17) on both engines: cashiers by their display names and
// the station's charges named as the station's, areas by their path so the "1单元" of two buildings are told
// apart, and kinds worded in the sheet.
import { AlarmEngine } from '@openami/alarms';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';
import { RunHub } from '../http/field.ts';
import { Metrics } from '../http/metrics.ts';
import { RemoteFeeControl } from '../services/remote-fee-control.ts';
import { readTable } from '../sheets/table-file.ts';

describeEachEngine('the sales report’s names and words', (context) => {
  let app: App;
  let admin: Actor;
  let cashier: Actor;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}s${(n++).toString().padStart(4, '0')}`;
  const call = (actor: Actor, method: 'GET' | 'POST', url: string, payload?: object, language = 'en') =>
    app.inject({
      method,
      url,
      headers: { ...actor.headers, 'accept-language': language },
      ...(payload === undefined ? {} : { payload }),
    });
  const units: { id: number; code: string }[] = [];
  const accountIds: number[] = [];

  beforeAll(async () => {
    app = await appFor(context.store);
    // The station: what charges remote accounts as their readings are stored.
    const station = new RemoteFeeControl({
      store: context.store,
      clock: () => harnessNow,
      field: undefined,
      runs: new RunHub(),
      metrics: new Metrics(),
      alarms: new AlarmEngine(context.store),
      timeZone: 'Asia/Shanghai',
    });
    admin = await signIn(app, context.store, 'administrator', 'all');
    cashier = await signIn(app, context.store, 'cashier', 'all');
    await context.store.users.update(cashier.userId, { displayName: '收费员张三' }, harnessNow);
    const area = async (parentId: number | null, kind: string, name: string) =>
      (await call(admin, 'POST', '/api/areas', { parentId, kind, code: fresh('A'), name })).json<{
        id: number;
        code: string;
      }>();
    const community = await area(null, 'community', '和园小区');
    for (const building of ['3号楼', '4号楼']) {
      const b = await area(community.id, 'building', building);
      units.push(await area(b.id, 'unit', '1单元'));
    }
    const meterTypeId = (
      await call(admin, 'POST', '/api/meter-types', {
        code: fresh('MT'),
        name: 'DDZY',
        model: 'DDZY',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'none',
      })
    ).json<{ id: number }>().id;
    const priceTypeId = (
      await call(admin, 'POST', '/api/price-types', {
        code: fresh('P'),
        name: '居民',
        unitPriceMilliFenPerKwh: 50_000,
      })
    ).json<{ id: number }>().id;
    for (const [i, unit] of units.entries()) {
      const meter = (
        await call(admin, 'POST', '/api/meters', {
          factoryNo: fresh('F'),
          commAddress: String(500_000 + n++).padStart(12, '0'),
          meterTypeId,
          areaId: unit.id,
        })
      ).json<{ id: number }>();
      const customer = await call(admin, 'POST', '/api/customers', {
        code: fresh('C'),
        name: `住户${i}`,
        unit: `${i + 3}-1-101`,
        address: '',
        idNumber: '',
        areaId: unit.id,
      });
      const account = (
        await call(cashier, 'POST', '/api/accounts', {
          accountNo: fresh('AC'),
          customerId: customer.json<{ id: number }>().id,
          meterId: meter.id,
          priceTypeId,
          prepaidMode: 'remote',
          alarmEnergyWh: 0,
          creditLimitWh: 0,
          hoardingLimitWh: 0,
          capacityLimitMode: 0,
        })
      ).json<{ id: number }>();
      accountIds.push(account.id);
      const sold = await call(cashier, 'POST', `/api/vending/accounts/${account.id}/sales`, {
        requestId: 'top-up',
        by: 'money',
        amountFen: 10_000,
      });
      expect(sold.statusCode, sold.body).toBe(201);
      await context.store.readings.insertEnergy(
        [0, 1_000].map((wh, k) => ({
          meterId: meter.id,
          readAt: harnessNow + (k + 1) * 60_000,
          activeImportWh: 1_000_000 + wh,
          receivedAt: harnessNow,
        })),
      );
      // The station charges the metered kWh: its entry is the station's, not a cashier's.
      await station.meterReadStored(meter.id);
    }
  });
  afterAll(() => app.close());

  const day = '2026-11-22';

  it('names cashiers by their display names, the station as the station, and areas by their path', async () => {
    const report = await call(cashier, 'GET', `/api/vending/reports/sales?from=${day}&to=${day}`);
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json<{
      byCashier: { key: string; name: string; kind: string; system: string | null }[];
      byArea: { key: string; name: string; kind: string }[];
    }>();
    expect(body.byCashier).toContainEqual(
      expect.objectContaining({ key: cashier.username, name: '收费员张三', kind: 'sale', system: null }),
    );
    expect(body.byCashier).toContainEqual(
      expect.objectContaining({ key: 'station', kind: 'charge', system: 'station' }),
    );
    const names = body.byArea.filter((g) => units.some((u) => u.code === g.key)).map((g) => g.name);
    expect(new Set(names)).toEqual(new Set(['和园小区 / 3号楼 / 1单元', '和园小区 / 4号楼 / 1单元']));
  });

  it('words kinds, cashiers and the station in the sheet, in the reader’s language', async () => {
    const zh = await call(
      cashier,
      'GET',
      `/api/vending/reports/sales?from=${day}&to=${day}&format=xlsx`,
      undefined,
      'zh-CN',
    );
    const sheet = await readTable('xlsx', zh.rawPayload);
    const cells = sheet.flat();
    expect(cells).toEqual(expect.arrayContaining(['售电', '用电扣费', '收费员张三', '系统（远程费控扣费）']));
    expect(cells).toContain('和园小区 / 3号楼 / 1单元');
    expect(cells).not.toContain('charge');
    expect(cells).not.toContain('sale');
    expect(cells).not.toContain('station');
    const en = await call(cashier, 'GET', `/api/vending/reports/sales?from=${day}&to=${day}&format=csv`);
    expect(en.body).toContain('charge for use');
    expect(en.body).toContain('the station (remote fee-control charges)');
  });

  it('reports today at the site when no date is given, whatever the zone of the one asking', async () => {
    // 17:30 UTC on the 22nd is 01:30 on the 23rd in Asia/Shanghai: a browser in UTC would ask for the 22nd
    // and show 0.00 after the night's sales (issue 22 item 19).
    const late = Date.UTC(2026, 10, 22, 17, 30);
    const lateApp = await appFor(context.store, () => late);
    try {
      const lateCashier = await signIn(lateApp, context.store, 'cashier', 'all');
      const ask = async (query = '') => {
        const response = await lateApp.inject({
          method: 'GET',
          url: `/api/vending/reports/sales${query}`,
          headers: lateCashier.headers,
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json<{ from: string; to: string; totals: { kind: string; amountFen: number }[] }>();
      };
      const sales = (report: Awaited<ReturnType<typeof ask>>) =>
        report.totals.find((t) => t.kind === 'sale')?.amountFen ?? 0;
      expect(await ask()).toMatchObject({ from: '2026-11-23', to: '2026-11-23', totals: [] });
      const sold = await lateApp.inject({
        method: 'POST',
        // The second building's account: the first building's last invoice stays the earlier one (item 6).
        url: `/api/vending/accounts/${accountIds[1]}/sales`,
        headers: lateCashier.headers,
        payload: { requestId: 'night-sale', by: 'money', amountFen: 1_325_300 },
      });
      expect(sold.statusCode, sold.body).toBe(201);
      const today = await ask();
      expect(today).toMatchObject({ from: '2026-11-23', to: '2026-11-23' });
      expect(sales(today)).toBe(1_325_300);
      // One date given: that day alone. The UTC calendar's "today" holds the day before's sales only.
      expect(await ask('?from=2026-11-23')).toEqual(today);
      expect(sales(await ask('?from=2026-11-22'))).toBe(20_000);
    } finally {
      await lateApp.close();
    }
  });

  it('shows a cashier kept to one building the last invoice of that building, not the site’s (item 6)', async () => {
    const url = `/api/vending/reports/reconciliation?from=${day}&to=${day}`;
    type Close = { lastInvoiceNumber: number | null; invoices: { last: string | null } };
    const site = (await call(admin, 'GET', url)).json<Close>();
    expect(site.lastInvoiceNumber).toBe(await context.store.ledger.lastInvoiceNumber());
    // The first building's sale came before the second's: its last invoice is not the site's.
    const unit = await context.store.areas.get(units[0]?.id ?? 0);
    const scoped = await signIn(app, context.store, 'cashier', unit === undefined ? [] : [unit]);
    const mine = await call(scoped, 'GET', url);
    expect(mine.statusCode, mine.body).toBe(200);
    const close = mine.json<Close>();
    expect(close.invoices.last).not.toBeNull();
    expect(close.lastInvoiceNumber).toBe(Number(close.invoices.last));
    expect(close.lastInvoiceNumber).toBeLessThan(site.lastInvoiceNumber ?? 0);
    // A cashier of an area with no sales sees none.
    const quiet = (
      await call(admin, 'POST', '/api/areas', {
        parentId: null,
        kind: 'community',
        code: fresh('A'),
        name: '静园',
      })
    ).json<{ id: number }>();
    const quietArea = await context.store.areas.get(quiet.id);
    const nobody = await signIn(app, context.store, 'cashier', quietArea === undefined ? [] : [quietArea]);
    expect((await call(nobody, 'GET', url)).json()).toMatchObject({ lastInvoiceNumber: null });
  });
});
