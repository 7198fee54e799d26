// A GPRS terminal whose link keeps dropping and dialling in again, over real TCP to a real collector: more
// reconnections than the flap setting allows raise one `link-flapping` alarm on the terminal, which clears
// once the link has stayed put past the window and the damping time.
import { connect, type Socket } from 'node:net';
import { Collector } from '@openami/headend';
import { freeBasePort } from '@openami/headend/testing';
import { migrateToLatest, openStore, type Store } from '@openami/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine, type AlarmEvent } from './alarm-engine.ts';

// Long enough that four links fit in it on a loaded machine; the alarm's clearing waits it out.
const windowMs = 4000;

describe('a flapping dial-in link', () => {
  let store: Store;
  let collector: Collector;
  let terminalId: number;
  let dialInPort: number;
  const events: AlarmEvent[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    store = openStore({ url: ':memory:' });
    await migrateToLatest(store.db);
    const now = Date.UTC(2026, 0, 1);
    const area = await store.areas.create({ parentId: null, kind: 'community', code: 'C', name: 'C' }, now);
    const port = {
      portNo: 1,
      baud: 2400,
      parity: 'E',
      dataBits: 8,
      stopBits: 1,
      protocol: 'dlt645_2007',
    } as const;
    const terminal = await store.terminals.create(
      { areaId: area.id, name: 'GPRS DTU', model: 'DTU', mode: 'tcp_client', address: 'DTU0009' },
      [port],
      now,
    );
    terminalId = terminal.id;
    dialInPort = await freeBasePort(1);
    const engine = new AlarmEngine(store, { clearAfterMs: 200 });
    engine.subscribe((event) => events.push(event));
    collector = new Collector(store, {
      observer: engine,
      linkCheckMs: 50,
      dialInPort,
      dialIn: { host: '127.0.0.1', flap: { reconnects: 2, windowMs } },
      plans: [],
    });
    await collector.start(false);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await collector.stop();
    await store.close();
  });

  async function dialInOnce(): Promise<void> {
    const socket = connect({ host: '127.0.0.1', port: dialInPort });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('DTU0009');
    // Linked, then dropped as a failing modem would.
    await waitFor(() => linkUp());
    socket.destroy();
    await waitFor(() => !linkUp());
  }

  const linkUp = () => Object.values(collector.linkStates()).some((up) => up);

  async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(condition()).toBe(true);
  }

  const flapping = (kind: AlarmEvent['kind']) =>
    events.filter(
      (e) => e.kind === kind && e.alarm.kind === 'link-flapping' && e.alarm.objectId === String(terminalId),
    );

  it('raises link-flapping on the terminal after too many reconnections, and clears it when stable', async () => {
    // The first link, then three reconnections: more than the two allowed.
    for (let link = 0; link < 4; link++) await dialInOnce();
    await waitFor(() => flapping('raised').length === 1);
    const [raised] = flapping('raised');
    expect(raised?.alarm.objectType).toBe('terminal');
    expect(raised?.alarm.severity).toBe('major');
    expect(JSON.parse(raised?.alarm.evidence ?? '{}')).toEqual({
      reconnects: 3,
      refusedTakeovers: 0,
      windowMs,
    });
    const open = await store.alarms.open({
      kind: 'link-flapping',
      objectType: 'terminal',
      objectId: String(terminalId),
    });
    expect(open).toBeDefined();
    // No more drops: the window empties, the damping time passes, the alarm clears.
    await waitFor(() => flapping('cleared').length === 1, windowMs + 5000);
    expect(flapping('raised')).toHaveLength(1);
  }, 20_000);
});
