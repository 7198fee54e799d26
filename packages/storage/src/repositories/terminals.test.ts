import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeter, testNow } from '../../test/fixtures.ts';

const port = (portNo: number, baud = 2400) => ({
  portNo,
  baud,
  parity: 'E',
  dataBits: 8,
  stopBits: 1,
  protocol: 'dlt645_2007',
});

describeEachEngine('terminals', (context) => {
  it('keeps port ids stable when ports are edited, so meters stay attached', async () => {
    const area = await makeArea(context.store);
    const terminal = await context.store.terminals.create(
      { areaId: area.id, name: 'DH604 #1', model: 'DH604', mode: 'tcp_client', address: '10.0.0.7:4001' },
      [port(1), port(2)],
      testNow,
    );
    const [first] = terminal.ports;
    if (first === undefined) throw new Error('created with two ports');
    const meter = await makeMeter(context.store, area.id, { terminalPortId: first.id });
    await context.store.terminals.setPorts(terminal.id, [port(1, 1200), port(3)]);
    const ports = await context.store.terminals.ports(terminal.id);
    expect(ports.map((p) => [p.portNo, p.baud])).toEqual([
      [1, 1200],
      [3, 2400],
    ]);
    expect(ports[0]?.id).toBe(first.id);
    expect((await context.store.meters.get(meter.id))?.terminalPortId).toBe(first.id);
    expect((await context.store.terminals.getPort(first.id))?.areaId).toBe(area.id);
  });
});
