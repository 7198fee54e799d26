import type { AreaRow } from '@openami/storage';
import { describeEachEngine } from '@openami/storage/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, appFor, signIn } from '../../test/harness.ts';
import type { App } from '../app.ts';

describeEachEngine('archive CRUD through the API', (context) => {
  let app: App;
  let admin: Actor;
  let area: AreaRow;
  let meterTypeId: number;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}${process.pid}x${(n++).toString().padStart(4, '0')}`;
  const address = () => String(500_000 + n++).padStart(12, '0');
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, actor = admin) =>
    app.inject({ method, url, headers: actor.headers, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    app = await appFor(context.store);
    admin = await signIn(app, context.store, 'administrator', 'all');
    area = (
      await call('POST', '/api/areas', {
        parentId: null,
        kind: 'community',
        code: fresh('A'),
        name: '阳光小区',
      })
    ).json();
    meterTypeId = (
      await call('POST', '/api/meter-types', {
        code: fresh('MT'),
        name: 'DTSY three-phase',
        model: 'DTSY666',
        constantImpPerKwh: 400,
        ratedCurrentMa: 1500,
        maxCurrentMa: 6000,
        phases: 3,
        protocol: 'dlt645_2007',
        cardStandard: 'jb_t_8382',
      })
    ).json<{ id: number }>().id;
  });
  afterAll(() => app.close());

  const stockIn = (extra: object = {}) =>
    call('POST', '/api/meters', {
      factoryNo: fresh('F'),
      commAddress: address(),
      meterTypeId,
      areaId: area.id,
      ...extra,
    });

  it('stocks in a meter with its multiplier from PT and CT', async () => {
    const response = await stockIn({ ptPrimary: 10_000, ptSecondary: 100, ctPrimary: 75, ctSecondary: 5 });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ state: 'in_stock', multiplier: 1500 });
    const bad = await stockIn({ ctPrimary: 7, ctSecondary: 5 });
    expect(bad.json()).toMatchObject({ code: 'BAD_MULTIPLIER' });
    const duplicate = await call('POST', '/api/meters', {
      factoryNo: response.json<{ factoryNo: string }>().factoryNo,
      commAddress: address(),
      meterTypeId,
      areaId: area.id,
    });
    expect(duplicate.json()).toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('stocks in a batch whole, or not at all', async () => {
    const meters = [0, 1, 2].map(() => ({
      factoryNo: fresh('B'),
      commAddress: address(),
      meterTypeId,
      areaId: area.id,
    }));
    expect((await call('POST', '/api/meters/batch', { meters })).json()).toEqual({ count: 3 });
    const clash = [{ ...meters[0], factoryNo: fresh('B') }, meters[1]];
    expect((await call('POST', '/api/meters/batch', { meters: clash })).json()).toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    const page = await call('GET', `/api/meters?factoryNo=${clash[0]?.factoryNo}`);
    expect(page.json()).toMatchObject({ total: 0 });
  });

  it('moves meters through their states and never back from removed', async () => {
    const meter = (await stockIn()).json<{ id: number }>();
    expect((await call('PATCH', `/api/meters/${meter.id}`, { state: 'installed' })).json()).toMatchObject({
      state: 'installed',
    });
    expect((await call('PATCH', `/api/meters/${meter.id}`, { state: 'removed' })).statusCode).toBe(200);
    expect((await call('PATCH', `/api/meters/${meter.id}`, { state: 'installed' })).json()).toMatchObject({
      code: 'METER_STATE',
      message: 'A meter cannot move from removed to installed',
    });
    expect((await call('DELETE', `/api/meters/${meter.id}`)).json()).toMatchObject({ code: 'IN_USE' });
  });

  it('searches with paging and sorting, and validates the query', async () => {
    const prefix = fresh('S');
    for (let i = 0; i < 5; i++)
      await call('POST', '/api/meters', {
        factoryNo: `${prefix}-${i}`,
        commAddress: address(),
        meterTypeId,
        areaId: area.id,
      });
    const page = await call(
      'GET',
      `/api/meters?factoryNo=${prefix}&limit=2&offset=2&sort=factoryNo&direction=desc`,
    );
    expect(page.json()).toMatchObject({ total: 5, offset: 2, limit: 2 });
    expect(page.json<{ items: { factoryNo: string }[] }>().items.map((m) => m.factoryNo)).toEqual([
      `${prefix}-2`,
      `${prefix}-1`,
    ]);
    expect((await call('GET', '/api/meters?sort=password')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await call('GET', '/api/meters?limit=100000')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('opens one account per meter and installs the meter', async () => {
    const meter = (await stockIn()).json<{ id: number }>();
    const customer = (
      await call('POST', '/api/customers', {
        code: fresh('C'),
        name: '李四',
        unit: '',
        address: '2-301',
        idNumber: '',
        areaId: area.id,
      })
    ).json<{ id: number }>();
    const price = (
      await call('POST', '/api/price-types', {
        code: fresh('P'),
        name: '居民',
        unitPriceMilliFenPerKwh: 52_830,
      })
    ).json<{
      id: number;
    }>();
    const open = (accountNo: string) =>
      call('POST', '/api/accounts', {
        accountNo,
        customerId: customer.id,
        meterId: meter.id,
        priceTypeId: price.id,
        prepaidMode: 'card',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 2_000_000,
        capacityLimitMode: 1,
        phones: ['13800000001'],
      });
    const first = await open(fresh('AC'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ state: 'open', phones: ['13800000001'] });
    expect((await call('GET', `/api/meters/${meter.id}`)).json()).toMatchObject({ state: 'installed' });
    expect((await open(fresh('AC'))).json()).toMatchObject({ code: 'METER_HAS_ACCOUNT' });
    const byCustomer = await call('GET', '/api/meters?customer=李四');
    expect(byCustomer.json<{ items: { id: number }[] }>().items.map((m) => m.id)).toContain(meter.id);
  });

  it('keeps every version of a price type and a customer', async () => {
    const price = (
      await call('POST', '/api/price-types', { code: fresh('P'), name: 'r', unitPriceMilliFenPerKwh: 50_000 })
    ).json<{
      id: number;
    }>();
    await call('PATCH', `/api/price-types/${price.id}`, { unitPriceMilliFenPerKwh: 55_000 });
    const read = await call('GET', `/api/price-types/${price.id}`);
    expect(read.json()).toMatchObject({
      version: 2,
      unitPriceMilliFenPerKwh: 55_000,
      versions: [
        { version: 1, unitPriceMilliFenPerKwh: 50_000 },
        { version: 2, unitPriceMilliFenPerKwh: 55_000 },
      ],
    });
  });

  it('refuses to move an area beneath itself or delete one in use', async () => {
    const child = (
      await call('POST', '/api/areas', {
        parentId: area.id,
        kind: 'building',
        code: fresh('A'),
        name: '1号楼',
      })
    ).json<{
      id: number;
    }>();
    expect((await call('PATCH', `/api/areas/${area.id}`, { parentId: child.id })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await call('DELETE', `/api/areas/${area.id}`)).json()).toMatchObject({ code: 'IN_USE' });
  });

  it('manages users: no short passwords, and disabling ends the sessions', async () => {
    const short = await call('POST', '/api/users', {
      username: fresh('u'),
      password: 'short',
      role: 'viewer',
      areaIds: [area.id],
    });
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'password' } });
    const viewer = await signIn(app, context.store, 'viewer', [area]);
    expect((await call('GET', '/api/auth/me', undefined, viewer)).statusCode).toBe(200);
    expect((await call('PATCH', `/api/users/${viewer.userId}`, { disabled: true })).json()).toMatchObject({
      disabled: true,
    });
    expect((await call('GET', '/api/auth/me', undefined, viewer)).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('lets an administrator of some areas manage only users within them', async () => {
    const local = await signIn(app, context.store, 'administrator', [area]);
    expect(
      (await call('PATCH', `/api/users/${admin.userId}`, { password: 'taken over at last' }, local)).json(),
    ).toMatchObject({
      code: 'AREA_FORBIDDEN',
    });
    const viewer = await signIn(app, context.store, 'viewer', [area]);
    expect(
      (await call('PATCH', `/api/users/${viewer.userId}`, { displayName: 'ok' }, local)).statusCode,
    ).toBe(200);
  });

  it('keeps a terminal’s ports and refuses duplicate port numbers', async () => {
    const port = (portNo: number) => ({ portNo, baud: 2400, protocol: 'dlt645_2007' });
    const created = await call('POST', '/api/terminals', {
      areaId: area.id,
      name: 'DH608 #1',
      model: 'DH608',
      mode: 'tcp_client',
      address: '192.168.1.20:4001',
      ports: [port(1), port(2)],
    });
    expect(created.json()).toMatchObject({
      ports: [{ portNo: 1, parity: 'E', dataBits: 8, stopBits: 1 }, { portNo: 2 }],
    });
    const id = created.json<{ id: number }>().id;
    expect((await call('PATCH', `/api/terminals/${id}`, { ports: [port(1), port(1)] })).json()).toMatchObject(
      {
        code: 'VALIDATION_FAILED',
      },
    );
  });

  it('refuses a terminal port whose TCP address another terminal’s port has, on create and on change', async () => {
    const port = (portNo: number) => ({ portNo, baud: 2400, protocol: 'dlt645_2007' });
    const terminal = (name: string, address: string, ports: number[], mode = 'tcp_server') =>
      call('POST', '/api/terminals', {
        areaId: area.id,
        name,
        model: 'DH604',
        mode,
        address,
        ports: ports.map(port),
      });
    // 10.7.0.1:4001 to :4004.
    const first = await terminal('1号楼终端', '10.7.0.1:4001', [1, 2, 3, 4]);
    expect(first.statusCode, first.body).toBe(201);
    // Its port 1 would be at 4003: port 3 of the first.
    const clash = await terminal('2号楼终端', '10.7.0.1:4003', [1, 2]);
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'TERMINAL_ADDRESS_CLASH',
      details: { address: '10.7.0.1:4003', portNo: 1, terminal: '1号楼终端', otherPortNo: 3 },
    });
    expect(clash.json<{ message: string }>().message).toContain('10.7.0.1:4003');
    const zh = await app.inject({
      method: 'POST',
      url: '/api/terminals',
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
      payload: {
        areaId: area.id,
        name: 'x',
        model: 'DH604',
        mode: 'tcp_server',
        address: '10.7.0.1:4004',
        ports: [port(1)],
      },
    });
    expect(zh.json<{ message: string }>().message).toContain('已属于终端“1号楼终端”的串口 4');
    // Another host, or the next free base port, is fine.
    const second = await terminal('2号楼终端', '10.7.0.1:4005', [1, 2]);
    expect(second.statusCode, second.body).toBe(201);
    expect((await terminal('3号楼终端', '10.7.0.2:4001', [1])).statusCode).toBe(201);
    const secondId = second.json<{ id: number }>().id;
    // A change that moves the second terminal onto the first, by address or by a port added below it.
    expect(
      (await call('PATCH', `/api/terminals/${secondId}`, { address: '10.7.0.1:4002' })).json(),
    ).toMatchObject({ code: 'TERMINAL_ADDRESS_CLASH' });
    const firstId = first.json<{ id: number }>().id;
    expect(
      (await call('PATCH', `/api/terminals/${firstId}`, { ports: [1, 2, 3, 4, 5].map(port) })).json(),
    ).toMatchObject({ code: 'TERMINAL_ADDRESS_CLASH', details: { address: '10.7.0.1:4005', portNo: 5 } });
    // A change that keeps its own addresses is not a clash with itself.
    expect((await call('PATCH', `/api/terminals/${secondId}`, { name: '2号楼终端（新）' })).statusCode).toBe(
      200,
    );
    // Two dialling terminals with one registration packet; an address that is not host:port.
    expect((await terminal('甲', 'REG-0001', [1], 'tcp_client')).statusCode).toBe(201);
    expect((await terminal('乙', 'REG-0001', [1], 'tcp_client')).json()).toMatchObject({
      code: 'TERMINAL_REGISTRATION_CLASH',
      details: { terminal: '甲' },
    });
    // Nor one whose registration begins another's or is begun by it (REG-0001 / REG-00010), also in hex.
    for (const clashing of ['REG-00010', 'REG-000', 'hex:52 45 47 2D 30 30 30 31']) {
      expect((await terminal('乙', clashing, [1], 'tcp_client')).json()).toMatchObject({
        code: 'TERMINAL_REGISTRATION_CLASH',
        details: { terminal: '甲' },
      });
    }
    expect((await terminal('戊', 'REG-0002', [1], 'tcp_client')).statusCode).toBe(201);
    expect((await terminal('丙', 'nowhere', [1])).json()).toMatchObject({ code: 'TERMINAL_ADDRESS_INVALID' });
    expect((await terminal('丁', '10.7.0.3:65535', [1, 2])).json()).toMatchObject({
      code: 'TERMINAL_ADDRESS_INVALID',
    });
  });

  it('lists meters with their household, and customers with their phones, accounts and meters', async () => {
    const meter = (await stockIn()).json<{ id: number; factoryNo: string }>();
    const bare = (await stockIn()).json<{ id: number; factoryNo: string }>();
    const customer = (
      await call('POST', '/api/customers', {
        code: fresh('C'),
        name: '周七',
        unit: '5-1-602',
        address: '阳光小区5号楼',
        idNumber: '',
        areaId: area.id,
      })
    ).json<{ id: number; code: string }>();
    const price = (
      await call('POST', '/api/price-types', {
        code: fresh('P'),
        name: '居民',
        unitPriceMilliFenPerKwh: 52_830,
      })
    ).json<{ id: number }>();
    const accountNo = fresh('AC');
    const account = (
      await call('POST', '/api/accounts', {
        accountNo,
        customerId: customer.id,
        meterId: meter.id,
        priceTypeId: price.id,
        prepaidMode: 'remote',
        alarmEnergyWh: 10_000,
        creditLimitWh: 0,
        hoardingLimitWh: 0,
        capacityLimitMode: 0,
        phones: ['13493299085', '+8613800000000'],
      })
    ).json<{ id: number }>();
    const meters = await call('GET', `/api/meters?factoryNo=${meter.factoryNo}`);
    expect(meters.statusCode, meters.body).toBe(200);
    expect(meters.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        id: meter.id,
        account: {
          id: account.id,
          accountNo,
          customer: { id: customer.id, name: '周七', unit: '5-1-602', address: '阳光小区5号楼' },
        },
      }),
    ]);
    const unheld = await call('GET', `/api/meters?factoryNo=${bare.factoryNo}`);
    expect(unheld.json<{ items: unknown[] }>().items).toEqual([expect.objectContaining({ account: null })]);
    const customers = await call('GET', `/api/customers?code=${customer.code}`);
    expect(customers.statusCode, customers.body).toBe(200);
    expect(customers.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        id: customer.id,
        unit: '5-1-602',
        phones: ['13493299085', '+8613800000000'],
        accounts: [
          {
            id: account.id,
            accountNo,
            state: 'open',
            meterId: meter.id,
            factoryNo: meter.factoryNo,
            phones: ['13493299085', '+8613800000000'],
          },
        ],
      }),
    ]);
    // A closed account stays in the list, after the open ones, and its phones leave the customer's.
    await call('POST', `/api/accounts/${account.id}/close`);
    const closed = await call('GET', `/api/customers?code=${customer.code}`);
    expect(closed.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ phones: [], accounts: [expect.objectContaining({ state: 'closed' })] }),
    ]);
    expect((await call('GET', `/api/meters?factoryNo=${meter.factoryNo}`)).json()).toMatchObject({
      items: [{ account: null }],
    });
  });

  it('verifies the audit chain after all of the above', async () => {
    expect((await call('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
