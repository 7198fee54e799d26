import { describeEachEngine } from '@openami/storage/testing';
import { expect, it } from 'vitest';
import { loadFieldConfig } from './store-config.ts';

const now = Date.UTC(2026, 10, 22);
const port = (portNo: number, protocol = 'dlt645_2007') => ({
  portNo,
  baud: 2400,
  parity: 'E',
  dataBits: 8,
  stopBits: 1,
  protocol,
});

describeEachEngine('the head-end configuration from the store', (context) => {
  it('builds terminals, ports and installed meters, and lists what cannot work', async () => {
    const store = context.store;
    const area = await store.areas.create(
      { parentId: null, kind: 'community', code: 'C1', name: 'community' },
      now,
    );
    const serialServer = await store.terminals.create(
      {
        areaId: area.id,
        name: 'DH604 building 1',
        model: 'DH604',
        mode: 'tcp_server',
        address: '10.0.0.5:4001',
      },
      [port(1), port(2, 'dlt645_1997')],
      now,
    );
    const dtu = await store.terminals.create(
      { areaId: area.id, name: 'GPRS DTU', model: 'DTU', mode: 'tcp_client', address: 'hex:7E0102' },
      [port(1)],
      now,
    );
    await store.terminals.create(
      { areaId: area.id, name: 'broken', model: 'DH601', mode: 'tcp_server', address: 'nowhere' },
      [port(1)],
      now,
    );
    const type = await store.meterTypes.create(
      {
        code: 'DDSY',
        name: 'single-phase',
        model: 'DDSY666',
        constantImpPerKwh: 1600,
        ratedCurrentMa: 10_000,
        maxCurrentMa: 40_000,
        phases: 1,
        protocol: 'dlt645_2007',
        cardStandard: 'gb_t_18460',
      },
      null,
      now,
    );
    const version = await store.meterTypes.currentVersion(type.id);
    const meter = (factoryNo: string, address: string, state: string, terminalPortId: number | null) =>
      store.meters.stockIn(
        {
          factoryNo,
          commAddress: address,
          meterTypeId: type.id,
          meterTypeVersionId: version?.id as number,
          state,
          startingReadingWh: 0,
          areaId: area.id,
          terminalPortId,
          parentMeterId: null,
          ptPrimary: 1,
          ptSecondary: 1,
          ctPrimary: 1,
          ctSecondary: 1,
          multiplier: 1,
          stockedInAt: now,
        },
        now,
      );
    const serialPorts = serialServer.ports;
    const installed = await meter('F1', '000000000001', 'installed', serialPorts[1]?.id as number);
    await meter('F2', '000000000002', 'installed', dtu.ports[0]?.id as number);
    await meter('F3', '000000000003', 'in_stock', null);
    const lost = await meter('F4', '000000000004', 'installed', null);
    const behind = await meter('F5', '000000000005', 'installed', null);
    const concentrator = await store.concentrators.create(
      {
        areaId: area.id,
        name: 'transformer room 1',
        areaCode: '3201',
        terminalAddress: 1,
        masterAddress: 0,
        model: 'DJGZ23',
        variant: 'gdw1376_1_2013',
        notes: '',
      },
      now,
    );
    expect(await store.concentrators.assignMeter(behind.id, concentrator.id, 3, now)).toEqual({ ok: true });

    const { config, problems } = await loadFieldConfig(store, { timeZone: 'Asia/Shanghai' });
    expect(config.terminals).toEqual([
      {
        id: serialServer.id,
        mode: 'tcp-server',
        host: '10.0.0.5',
        ports: [
          { portNo: 1, baud: 2400, parity: 'even', tcpPort: 4001 },
          { portNo: 2, baud: 2400, parity: 'even', tcpPort: 4002 },
        ],
      },
      {
        id: dtu.id,
        mode: 'tcp-client',
        registration: Buffer.from([0x7e, 0x01, 0x02]),
        ports: [{ portNo: 1, baud: 2400, parity: 'even' }],
      },
    ]);
    // The meter type's protocol decides the edition, whatever its port says.
    expect(config.meters).toEqual([
      {
        id: installed.id,
        address: '000000000001',
        edition: '2007',
        meterType: String(type.id),
        terminalId: serialServer.id,
        portNo: 2,
        // 40 A at 242 V on one phase.
        maxPowerW: 9680,
        areaPath: area.path,
      },
      expect.objectContaining({ address: '000000000002', terminalId: dtu.id, portNo: 1 }),
    ]);
    expect(problems).toEqual([
      { terminalId: expect.any(Number), problem: 'terminal broken: address "nowhere" is not host:port' },
      { meterId: lost.id, problem: 'installed meter F4 is on no terminal port' },
      {
        meterId: behind.id,
        problem: `meter F5 is behind concentrator ${concentrator.id} (point 3): collection through concentrators is not built yet`,
      },
    ]);
    expect(config.timeZone).toBe('Asia/Shanghai');
  });
});
