// The README's first command, as a newcomer meets it: `openami demo` starts the platform and a simulated
// community on a fresh SQLite file, prints a password that signs in, and within seconds the collector has
// read the meters and the misbehaving ones have raised alarms; behind them lie 60 days of history read from
// the simulated meters. A small community at 600× time keeps it short.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from '../apps/cli/src/demo/start-demo.ts';

describe('openami demo', () => {
  let demo: Demo;
  let cookie = '';
  const logged: string[] = [];

  beforeAll(async () => {
    demo = await startDemo({
      size: { buildings: 1, unitsPerBuilding: 2, floors: 2, roomsPerFloor: 2 },
      dataDir: mkdtempSync(join(tmpdir(), 'openami-demo-')),
      port: 0,
      timeFactor: 600,
      log: (line) => logged.push(line),
    });
    const login = await fetch(`${demo.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: demo.username, password: demo.password }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  }, 60_000);

  afterAll(async () => {
    await demo?.stop();
  });

  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, checked by the assertions.
  const get = async (path: string): Promise<any> =>
    (await fetch(`${demo.url}${path}`, { headers: { cookie } })).json();

  it('signs in with the printed password and shows the community', async () => {
    expect(demo.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // Eight households, their building's supply meter and the transformer area's.
    expect((await get('/api/meters?limit=1')).total).toBe(10);
    expect((await get('/api/accounts?limit=1')).total).toBe(8);
  });

  it('collects the meters and raises the alarms of the misbehaving ones', async () => {
    let runs: { items: { status: string; metersTotal: number; metersFailed: number }[] } = { items: [] };
    for (let i = 0; i < 100; i++) {
      runs = await get('/api/collection/runs?sort=id&direction=desc');
      if (runs.items.some((r) => r.status === 'finished' && r.metersTotal === 10)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const finished = runs.items.find((r) => r.status === 'finished' && r.metersTotal === 10);
    // One meter of the demo never answers.
    expect(finished).toMatchObject({ metersFailed: 1 });
    const alarms = await get('/api/alarms?state=open');
    const kinds = alarms.items.map((a: { kind: string }) => a.kind);
    expect(kinds).toContain('port-success-low');
    // The remote household that topped up only a little is warned.
    expect(kinds).toContain('low-balance');
  });

  it('lets the household it names sign in at /resident with the code its log prints', async () => {
    const resident = demo.resident;
    if (resident === undefined) throw new Error('the demo names no household');
    const post = (path: string, body: unknown) =>
      fetch(`${demo.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/resident/code', resident)).status).toBe(202);
    let code: string | undefined;
    for (let i = 0; i < 50 && code === undefined; i++) {
      code = logged
        .map((line) => new RegExp(`notify ${resident.phone}: .*验证码为 (\\d{6})`).exec(line)?.[1])
        .find((found) => found !== undefined);
      if (code === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(code).toMatch(/^\d{6}$/);
    const session = await post('/api/resident/session', { accountNo: resident.accountNo, code });
    expect(session.status).toBe(200);
    const residentCookie = (session.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const account = await fetch(`${demo.url}/api/resident/account`, { headers: { cookie: residentCookie } });
    expect(await account.json()).toMatchObject({ accountNo: resident.accountNo });
  });

  it('has 60 days of history behind it: the daily energy of every day, hour by hour, and the daily freezes', async () => {
    const localDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const today = localDay(Date.now());
    const first = localDay(Date.now() - 59 * 86_400_000);
    const daily = await get(`/api/reports/energy?granularity=day&groupBy=meter&from=${first}&to=${today}`);
    const household = daily.rows.find((r: { name: string }) => r.name.startsWith('2001'));
    // Every one of the 60 days metered something, the history and today alike.
    expect(household.energyWh).toHaveLength(60);
    expect(household.energyWh.every((wh: number | null) => wh !== null && wh > 0)).toBe(true);
    const lastMonth = localDay(Date.now() - 30 * 86_400_000);
    const hourly = await get(
      `/api/reports/energy?granularity=hour&groupBy=meter&meterId=${household.id}&from=${lastMonth}&to=${lastMonth}`,
    );
    expect(hourly.totalWh).toHaveLength(24);
    expect(hourly.totalWh.filter((wh: number) => wh > 0).length).toBeGreaterThan(12);
    const frozen = await get(`/api/meters/${household.id}/energy/daily?from=${first}&to=${today}`);
    expect(frozen.frozen.length).toBeGreaterThanOrEqual(59);
  });

  it('puts the building meter under the transformer area’s, and the households under the building’s', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const loss = await get(`/api/reports/line-loss?period=day&from=${day}&to=${day}`);
    expect(
      loss.rows.map((r: { level: number; parent: { commAddress: string }; children: number }) => [
        r.level,
        r.parent.commAddress,
        r.children,
      ]),
    ).toEqual([
      [1, '400000000001', 1],
      [2, '300000000001', 8],
    ]);
  });
});
