import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeField } from '../../test/fake-field.ts';
import { type Actor, appFor, harnessNow, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

/**
 * A field left out of a PATCH stays as it is (issue 22 item 7: `{"priceTypeId": 2}` erased an account's
 * phones). For every PATCH route of the route table, every field its body accepts is sent alone, and
 * everything else the record shows must be unchanged. A PATCH route or a body field without an entry in
 * `table` fails the test, so a new one is covered when it is added.
 */
type Json = Record<string, unknown>;
interface Ids {
  readonly areaId: number;
  readonly otherAreaId: number;
  readonly meterTypeId: number;
  readonly priceTypeId: number;
  readonly otherPriceTypeId: number;
  readonly portId: number;
  readonly parentMeterId: number;
}
interface Entry {
  /** Makes a record to change; returns its PATCH url. */
  create(ids: Ids): Promise<string>;
  /** Reads the record as the API shows it. */
  read(url: string): Promise<Json>;
  /** One new value per body field. */
  values(ids: Ids): Json;
  /** Fields of the answer a change of `field` may move besides itself (a ratio moves the multiplier). */
  follows?: Record<string, readonly string[]>;
}

/** What moves on every change: the time, and a versioned record's version. */
const bookkeeping = ['updatedAt', 'version'];

describeEachEngine('PATCH leaves the fields it was not sent', (context) => {
  let app: App;
  let admin: Actor;
  let ids: Ids;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}p${(n++).toString().padStart(4, '0')}`;
  const address = () => String(700_000 + n++).padStart(12, '0');
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url,
      headers: admin.headers,
      ...(payload === undefined ? {} : { payload }),
    });
    expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${response.body}`).toBeLessThan(
      300,
    );
    return response.json<Json>();
  };
  const created = async (url: string, payload: object) => (await call('POST', url, payload)).id as number;
  const withoutVersions = async (url: string) => {
    const { versions: _versions, ...record } = await call('GET', url);
    return record;
  };
  const newMeter = (i: Ids) =>
    created('/api/meters', {
      factoryNo: fresh('F'),
      commAddress: address(),
      meterTypeId: i.meterTypeId,
      startingReadingWh: 1000,
      areaId: i.areaId,
    });

  const table: Record<string, Entry> = {
    'PATCH /api/areas/:id': {
      create: async (i) =>
        `/api/areas/${await created('/api/areas', { parentId: i.areaId, kind: 'building', code: fresh('B'), name: 'b' })}`,
      read: (url) => call('GET', url),
      values: (i) => ({ parentId: i.otherAreaId, kind: 'unit', code: fresh('U'), name: '二单元' }),
      follows: { parentId: ['path'] },
    },
    'PATCH /api/terminals/:id': {
      create: async (i) =>
        `/api/terminals/${await created('/api/terminals', {
          areaId: i.areaId,
          name: 't',
          model: 'DH604',
          mode: 'tcp_server',
          address: `10.9.${n++ % 250}.1:4001`,
          ports: [{ portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
        })}`,
      read: (url) => call('GET', url),
      values: (i) => ({
        areaId: i.otherAreaId,
        name: 't2',
        model: 'DH608',
        mode: 'tcp_client',
        address: `reg-${fresh('x')}`,
        ports: [{ portNo: 2, baud: 9600, parity: 'N', dataBits: 8, stopBits: 1, protocol: 'dlt645_1997' }],
      }),
    },
    'PATCH /api/concentrators/:id': {
      create: async (i) =>
        `/api/concentrators/${await created('/api/concentrators', {
          areaId: i.areaId,
          name: 'c',
          areaCode: '4101',
          terminalAddress: n++,
          masterAddress: 1,
          model: 'DJGZ23',
          variant: 'gdw1376_1_2013',
          notes: '',
        })}`,
      read: (url) => call('GET', url),
      values: (i) => ({
        areaId: i.otherAreaId,
        name: 'c2',
        areaCode: '0002',
        terminalAddress: 40_000 + n++,
        masterAddress: 5,
        model: 'DJGZ22',
        variant: 'gdw376_1_2009',
        notes: 'behind the stairwell',
      }),
    },
    'PATCH /api/meter-types/:id': {
      create: async () =>
        `/api/meter-types/${await created('/api/meter-types', {
          code: fresh('MT'),
          name: 'n',
          model: 'm',
          constantImpPerKwh: 1600,
          ratedCurrentMa: 10_000,
          maxCurrentMa: 40_000,
          phases: 1,
          protocol: 'dlt645_2007',
          cardStandard: 'gb_t_18460',
        })}`,
      read: withoutVersions,
      values: () => ({
        name: 'n2',
        model: 'm2',
        constantImpPerKwh: 800,
        ratedCurrentMa: 5000,
        maxCurrentMa: 60_000,
        phases: 3,
        protocol: 'dlt645_1997',
        cardStandard: 'jb_t_8382',
      }),
    },
    'PATCH /api/price-types/:id': {
      create: async () =>
        `/api/price-types/${await created('/api/price-types', { code: fresh('P'), name: 'p', unitPriceMilliFenPerKwh: 52_830 })}`,
      read: withoutVersions,
      values: () => ({ name: 'p2', unitPriceMilliFenPerKwh: 60_000 }),
    },
    'PATCH /api/meters/:id': {
      create: async (i) => `/api/meters/${await newMeter(i)}`,
      read: (url) => call('GET', url),
      values: (i) => ({
        commAddress: address(),
        startingReadingWh: 2000,
        areaId: i.otherAreaId,
        terminalPortId: i.portId,
        parentMeterId: i.parentMeterId,
        ptPrimary: 10_000,
        ptSecondary: 100,
        ctPrimary: 75,
        ctSecondary: 5,
        state: 'installed',
      }),
      follows: {
        ptPrimary: ['multiplier'],
        ptSecondary: ['multiplier'],
        ctPrimary: ['multiplier'],
        ctSecondary: ['multiplier'],
      },
    },
    'PATCH /api/customers/:id': {
      create: async (i) =>
        `/api/customers/${await created('/api/customers', {
          code: fresh('C'),
          name: '张三',
          unit: '1-101',
          address: '阳光小区1栋',
          idNumber: '110101199001011234',
          areaId: i.areaId,
        })}`,
      read: withoutVersions,
      values: (i) => ({
        name: '李四',
        unit: '2-202',
        address: '阳光小区2栋',
        idNumber: '110101199001015678',
        areaId: i.otherAreaId,
      }),
    },
    'PATCH /api/accounts/:id': {
      create: async (i) => {
        const customerId = await created('/api/customers', {
          code: fresh('C'),
          name: '王五',
          unit: '',
          address: '',
          idNumber: '',
          areaId: i.areaId,
        });
        return `/api/accounts/${await created('/api/accounts', {
          accountNo: fresh('AC'),
          customerId,
          meterId: await newMeter(i),
          priceTypeId: i.priceTypeId,
          prepaidMode: 'remote',
          alarmEnergyWh: 10_000,
          creditLimitWh: 1000,
          hoardingLimitWh: 500_000,
          capacityLimitMode: 1,
          phones: ['13493299085'],
        })}`;
      },
      read: (url) => call('GET', url),
      values: (i) => ({
        priceTypeId: i.otherPriceTypeId,
        prepaidMode: 'local',
        alarmEnergyWh: 20_000,
        creditLimitWh: 2000,
        hoardingLimitWh: 900_000,
        capacityLimitMode: 2,
        phones: ['13800000001', '13800000002'],
      }),
    },
    'PATCH /api/users/:id': {
      create: async (i) =>
        `/api/users/${await created('/api/users', {
          username: fresh('u'),
          displayName: '收费员甲',
          password: 'a long enough password',
          role: 'cashier',
          allAreas: false,
          areaIds: [i.areaId],
          locale: 'en',
        })}`,
      read: (url) => call('GET', url),
      values: (i) => ({
        displayName: '收费员乙',
        password: 'another long password',
        role: 'viewer',
        allAreas: true,
        areaIds: [i.otherAreaId],
        locale: 'zh-CN',
        disabled: true,
        resetSecondFactor: true,
      }),
    },
    'PATCH /api/collection/plans/:id': {
      create: async (i) => {
        const id = fresh('plan-').toLowerCase();
        await call('POST', '/api/collection/plans', {
          id,
          name: { zh: '楼栋抄表', en: 'Building read' },
          kind: 'read',
          items: ['energy'],
          targets: { areas: [String(i.areaId)] },
          schedule: { kind: 'daily', at: '02:00' },
          enabled: true,
        });
        return `/api/collection/plans/${id}`;
      },
      read: async (url) => {
        const plans = (
          await app.inject({ method: 'GET', url: '/api/collection/plans', headers: admin.headers })
        ).json<Json[]>();
        const plan = plans.find((p) => url.endsWith(`/${String(p.id)}`));
        if (plan === undefined) throw new Error(`no plan at ${url}`);
        return plan;
      },
      values: (i) => ({
        name: { zh: '单元抄表', en: 'Unit read' },
        items: ['energy', '00010000'],
        targets: { areas: [String(i.otherAreaId)] },
        schedule: { kind: 'interval', everyMinutes: 30, offsetMinutes: 7 },
        enabled: false,
      }),
    },
  };

  let bodies: Record<string, { properties?: Record<string, unknown> }>;

  beforeAll(async () => {
    app = await appFor(context.store, undefined, new FakeField(context.store, () => harnessNow));
    admin = await signIn(app, context.store, 'administrator', 'all');
    const areaId = await created('/api/areas', {
      parentId: null,
      kind: 'community',
      code: fresh('A'),
      name: 'a',
    });
    const otherAreaId = await created('/api/areas', {
      parentId: null,
      kind: 'community',
      code: fresh('A'),
      name: 'b',
    });
    const meterTypeId = await created('/api/meter-types', {
      code: fresh('MT'),
      name: 'DDSY',
      model: 'DDSY666',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 40_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'gb_t_18460',
    });
    const price = () =>
      created('/api/price-types', { code: fresh('P'), name: 'p', unitPriceMilliFenPerKwh: 52_830 });
    const priceTypeId = await price();
    const otherPriceTypeId = await price();
    const terminal = await call('POST', '/api/terminals', {
      areaId: otherAreaId,
      name: 'port owner',
      model: 'DH604',
      mode: 'tcp_client',
      address: fresh('reg'),
      ports: [{ portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
    });
    const portId = (terminal.ports as { id: number }[])[0]?.id ?? 0;
    ids = {
      areaId,
      otherAreaId,
      meterTypeId,
      priceTypeId,
      otherPriceTypeId,
      portId,
      parentMeterId: 0,
    };
    ids = { ...ids, parentMeterId: await newMeter(ids) };
    const docs = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
        >
      >;
    }>();
    bodies = {};
    for (const [path, item] of Object.entries(docs.paths)) {
      const body = item.patch?.requestBody?.content['application/json']?.schema;
      if (body !== undefined) bodies[`PATCH ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`] = body;
    }
  });
  afterAll(() => app.close());

  it('has an entry for every PATCH route and every field it accepts', () => {
    const routes = app.routeTable.filter((r) => r.method === 'PATCH').map((r) => `PATCH ${r.url}`);
    expect(routes.sort()).toEqual(Object.keys(table).sort());
    for (const key of routes) {
      expect(Object.keys(table[key]?.values(ids) ?? {}).sort(), key).toEqual(
        Object.keys(bodies[key]?.properties ?? {}).sort(),
      );
    }
  });

  for (const [key, entry] of Object.entries(table)) {
    it(`${key}: each field sent alone changes that field only`, async () => {
      const url = await entry.create(ids);
      for (const [field, value] of Object.entries(entry.values(ids))) {
        const before = await entry.read(url);
        const answer = await call('PATCH', url, { [field]: value });
        const after = await entry.read(url);
        const moved = new Set([field, ...bookkeeping, ...(entry.follows?.[field] ?? [])]);
        const kept = (record: Json) =>
          Object.fromEntries(Object.entries(record).filter(([k]) => !moved.has(k)));
        expect(kept(after), `${key} {${field}}: what is stored`).toEqual(kept(before));
        expect(kept(answer), `${key} {${field}}: the answer`).toMatchObject(kept(before));
        if (field in after && field !== 'ports') {
          expect(after[field], `${key} {${field}}: the field itself`).toEqual(value);
        }
      }
    });
  }
});
