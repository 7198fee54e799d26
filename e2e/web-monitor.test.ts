// The monitoring schematic in the browser, end to end at 1366×768: a building drawn with its units, floors and
// meter boxes, the simulated field's meters placed by their residents' rooms and its supply meter below;
// a meter cover opened in the field turns its cell yellow live, and a click on the cell opens the meter. Then a
// community the demo's full size (three buildings of two units, six floors of ten rooms) drawn whole and
// building by building, every cell clear of its neighbours, the panel scrolling within the page.
import { ITEM_GROUPS } from '@openami/headend';
import { readPlan } from '@openami/headend/testing';
import { runScenario } from '@openami/sim';
import type { AreaRow, MeterRow, Store } from '@openami/storage';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  announceChromiumMissing,
  chromiumAvailable,
  launchChromium,
  screenshot,
  shows,
  uiTimeoutMs,
  wait,
} from './support/browser.ts';
import { signIn } from './support/session.ts';
import { startWebServer, type WebServer } from './support/web-server.ts';

announceChromiumMissing();

const statusPlan = readPlan('status-now', ITEM_GROUPS.status, 15);
const now = Date.UTC(2026, 0, 1);

/** What a meter needs beyond where it stands: the type and settings of a field meter. */
function meterLike(template: MeterRow, fields: Pick<MeterRow, 'factoryNo' | 'commAddress' | 'areaId'>) {
  return {
    ...fields,
    meterTypeId: template.meterTypeId,
    meterTypeVersionId: template.meterTypeVersionId,
    state: 'installed',
    startingReadingWh: 0,
    terminalPortId: null,
    parentMeterId: null,
    ptPrimary: 1,
    ptSecondary: 1,
    ctPrimary: 1,
    ctSecondary: 1,
    multiplier: 1,
    stockedInAt: now,
  };
}

let priceTypeId: number | undefined;

async function openAccount(store: Store, meterId: number, room: string, name: string, areaId: number) {
  const customer = await store.customers.create(
    { code: `C${meterId}`, name, unit: room, address: '', idNumber: '', areaId },
    null,
    now,
  );
  priceTypeId ??= (
    await store.priceTypes.create({ code: 'JM', name: '居民', unitPriceMilliFenPerKwh: 48_830 }, null, now)
  ).id;
  await store.accounts.open(
    {
      accountNo: `A${meterId}`,
      customerId: customer.id,
      meterId,
      priceTypeId,
      prepaidMode: 'remote',
      alarmEnergyWh: 10_000,
      creditLimitWh: 0,
      hoardingLimitWh: 0,
      capacityLimitMode: 0,
      phones: '[]',
      openedAt: now,
    },
    now,
  );
}

const area = (store: Store, parentId: number | null, kind: string, code: string, name: string) =>
  store.areas.create({ parentId, kind, code, name }, now);

/** The field's community gets a building of two units; each port's meters go to a unit, one a floor. */
async function placeField(server: WebServer): Promise<{ supplyId: number }> {
  const { store, field } = server;
  if (field === undefined) throw new Error('the server runs without a field');
  const building = await area(store, field.area.id, 'building', 'C-1', '1号楼');
  const units = [
    await area(store, building.id, 'unit', 'C-1-1', '1单元'),
    await area(store, building.id, 'unit', 'C-1-2', '2单元'),
  ];
  const template = (await store.meters.get(field.meterIds[0] as number)) as MeterRow;
  const supply = await store.meters.stockIn(
    meterLike(template, { factoryNo: 'S1', commAddress: '300000000001', areaId: building.id }),
    now,
  );
  const floorsUsed = [0, 0];
  for (const [i, address] of field.sim.addresses().entries()) {
    const meterId = field.meterIds[i] as number;
    const u = field.sim.placement(address).portIndex;
    const floor = (floorsUsed[u] ?? 0) + 1;
    floorsUsed[u] = floor;
    const unit = units[u] as AreaRow;
    await store.meters.update(meterId, { areaId: unit.id, parentMeterId: supply.id }, now);
    await openAccount(store, meterId, `1-${u + 1}-${floor}01`, `住户${i + 1}`, unit.id);
  }
  return { supplyId: supply.id };
}

/**
 * A community the size of the demo's (FULL_COMMUNITY): three buildings of two units, six floors of ten rooms,
 * a supply meter per building and the transformer area's; all read once but a few, three in alarm, one faulty.
 */
async function enterFullCommunity(server: WebServer): Promise<{ buildings: AreaRow[] }> {
  const { store, field } = server;
  const template = (await store.meters.get(field?.meterIds[0] as number)) as MeterRow;
  const community = await area(store, null, 'community', 'HY', '和园小区');
  const transformer = await store.meters.stockIn(
    meterLike(template, { factoryNo: 'HYS400000000001', commAddress: '400000000001', areaId: community.id }),
    now,
  );
  const buildings: AreaRow[] = [];
  const homes: { id: number; room: string; areaId: number }[] = [];
  for (let b = 1; b <= 3; b++) {
    const building = await area(store, community.id, 'building', `HY-${b}`, `${b}号楼`);
    buildings.push(building);
    const supply = await store.meters.stockIn(
      meterLike(template, {
        factoryNo: `HYS30000000000${b}`,
        commAddress: `30000000000${b}`,
        areaId: building.id,
      }),
      now,
    );
    await store.meters.update(supply.id, { parentMeterId: transformer.id }, now);
    for (let u = 1; u <= 2; u++) {
      const unit = await area(store, building.id, 'unit', `HY-${b}-${u}`, `${u}单元`);
      for (let f = 1; f <= 6; f++) {
        for (let r = 1; r <= 10; r++) {
          const address = `20${String(b).padStart(2, '0')}${String(u).padStart(2, '0')}${String(f).padStart(3, '0')}${String(r).padStart(3, '0')}`;
          const meter = await store.meters.stockIn(
            {
              ...meterLike(template, {
                factoryNo: `HY${address.slice(2)}`,
                commAddress: address,
                areaId: unit.id,
              }),
            },
            now,
          );
          await store.meters.update(meter.id, { parentMeterId: supply.id }, now);
          const room = `${f}${String(r).padStart(2, '0')}`;
          await openAccount(store, meter.id, `${b}-${u}-${room}`, `住户${b}${u}${room}`, unit.id);
          homes.push({ id: meter.id, room, areaId: unit.id });
        }
      }
    }
  }
  const run = await store.collection.startRun({
    planId: 'hourly-energy',
    kind: 'read',
    trigger: 'schedule',
    requestedBy: null,
    areaId: null,
    startedAt: now,
  });
  // The last household of each unit has not answered yet.
  const unread = new Set(homes.filter((h) => h.room === '610').map((h) => h.id));
  await store.collection.recordMeters(
    [transformer.id, ...homes.map((h) => h.id)]
      .filter((id) => !unread.has(id))
      .map((meterId) => ({
        runId: run.id,
        meterId,
        terminalId: null,
        portNo: null,
        status: 'complete',
        reason: null,
        attempts: 1,
        durationMs: 100,
        clockOffsetMs: null,
      })),
  );
  for (const [i, home] of homes.filter((_, i) => i % 97 === 5).entries()) {
    const kind = i === 0 ? 'meter-unreachable' : 'low-balance';
    await store.alarms.raise(
      {
        kind,
        objectType: 'meter',
        objectId: String(home.id),
        severity: 'minor',
        areaId: home.areaId,
        evidence: {},
      },
      now,
    );
  }
  return { buildings };
}

/**
 * No two cells of the drawing overlap, and every label fits inside its cell. Run in the page as text: the
 * tests compile without the DOM's types.
 */
async function cellsClearOfEachOther(
  page: Page,
): Promise<{ cells: number; overlaps: number; clipped: number }> {
  return page.evaluate(`(() => {
    const cells = [...document.querySelectorAll('[data-testid^=meter-cell-]')];
    const boxes = cells.map((c) => c.getBoundingClientRect());
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps += 1;
      }
    const clipped = cells.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1);
    return { cells: cells.length, overlaps, clipped: clipped.length };
  })()`);
}

describe.skipIf(!chromiumAvailable)('the web application: the monitoring schematic', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let supplyId = 0;
  let full: AreaRow[] = [];

  const field = () => {
    if (server.field === undefined) throw new Error('the server runs without a field');
    return server.field;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebServer({ field: { ports: 2, metersPerPort: 3, seed: 17, alarms: true } }),
      launchChromium(),
    ]);
    await server.addUser('admin', 'administrator');
    ({ supplyId } = await placeField(server));
    ({ buildings: full } = await enterFullCommunity(server));
    // Every field meter answers once (and its event counters start from here).
    await field().collector.runPlan(statusPlan);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(uiTimeoutMs);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40)}`);
    await context.close();
  });

  const cell = (id: number): Locator => page.getByTestId(`meter-cell-${id}`);

  it('draws the building, turns a meter red live when its cover is opened, and opens it on a click', async () => {
    const [meterId] = field().meterIds as [number];
    await signIn(page, server.url, 'admin');
    // The first area of the tree is chosen at first: the field's community.
    await page.goto(`${server.url}/monitor`);
    const drawing = page.getByTestId('monitor-schematic');
    await shows(drawing.getByText('1号楼'));
    await shows(drawing.getByText('2单元'));
    await shows(drawing.getByText('3层'));
    await shows(drawing.getByText('楼栋进线总表'));
    await expect.poll(() => cell(meterId).getAttribute('data-colour'), wait).toBe('green');
    // The supply meter is on no bus here: never read, its state unknown.
    expect(await cell(supplyId).getAttribute('data-colour')).toBe('grey');
    await shows(page.getByTestId('monitor-count-green').getByText('正常 6'));
    await shows(page.getByTestId('monitor-count-grey').getByText('未读 1'));
    expect(await cell(meterId).getAttribute('aria-label')).toMatch(/^101，电表 F0：正常$/);
    await shows(page.locator('[data-testid=monitor-feed][data-feed=live]'));
    await screenshot(page, 'monitor-schematic-building');

    runScenario(field().sim, field().sim.addresses()[0] as string, { kind: 'cover-open' });
    await field().collector.runPlan(statusPlan);
    // A cover opened is a critical alarm, not a fault: the server colours it yellow, without a reload.
    await expect.poll(() => cell(meterId).getAttribute('data-colour'), wait).toBe('yellow');
    await shows(page.getByTestId('monitor-count-yellow').getByText('告警 1'));
    expect(await cell(meterId).getAttribute('aria-label')).toContain('开表盖');
    // Hover or focus tells who lives there and what is open.
    await cell(meterId).focus();
    const tip = page.getByTestId(`meter-tip-${meterId}`);
    await shows(tip.getByText('住户1'));
    await shows(tip.getByText('房号 101'));
    await shows(tip.getByText(/开表盖/));
    await screenshot(page, 'monitor-schematic-live-alarm');

    await cell(meterId).click();
    await expect.poll(() => new URL(page.url()).pathname, wait).toBe(`/archives/meters/${meterId}`);
  });

  it('draws a demo-sized community whole and building by building within 1366×768, and lists it too', async () => {
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/monitor`);
    await page.getByTestId('monitor-tree').getByText('和园小区 · 小区').click();
    const drawing = page.getByTestId('monitor-schematic');
    await shows(drawing.getByText('台区总表'));
    await expect.poll(() => drawing.locator('[data-testid^=meter-cell-]').count(), wait).toBe(364);
    await shows(page.getByTestId('monitor-count-grey').getByText('未读 9'));
    await shows(page.getByTestId('monitor-count-red').getByText('故障 1'));
    await shows(page.getByTestId('monitor-count-yellow').getByText('告警 3'));
    expect(await cellsClearOfEachOther(page)).toMatchObject({ cells: 364, overlaps: 0 });
    // The page itself does not scroll sideways; the drawing scrolls within its panel.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
    await screenshot(page, 'monitor-schematic-community');

    await drawing.getByRole('button', { name: '查看 2号楼' }).click();
    await expect.poll(() => drawing.locator('[data-testid^=meter-cell-]').count(), wait).toBe(121);
    await shows(drawing.getByText('6层'));
    expect(await cellsClearOfEachOther(page)).toEqual({ cells: 121, overlaps: 0, clipped: 0 });
    const panel = page.getByTestId('monitor-schematic-panel');
    expect(await panel.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(768);
    await screenshot(page, 'monitor-schematic-building-full');

    // Keyboard: a cell is a button; Enter opens the meter.
    const room = drawing.getByRole('button', { name: /^601，电表 HY0201006001：/ });
    const target = await room.getAttribute('data-testid');
    await room.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => new URL(page.url()).pathname, wait)
      .toBe(`/archives/meters/${target?.replace('meter-cell-', '')}`);
    await page.goBack();

    await page.getByTestId('monitor-tree').getByText('1单元 · 单元').first().click();
    await page.getByTestId('monitor-mode').getByText('列表').click();
    await shows(page.getByTestId('monitor-tiles'));
    expect(full).toHaveLength(3);
  });
});
