// A field description with a concentrator: it starts, dials the master station, reads its preloaded meters
// on its schedule, and the control API shows its link and signal strength.
import { q1376 } from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestStation } from '../../test/station-1376.ts';
import { type ControlServer, startControlServer } from '../control/control-server.ts';
import { parseFieldDescription } from '../field/description.ts';
import { type Field, startField } from '../field/field.ts';

let field: Field | undefined;
let control: ControlServer | undefined;
let station: TestStation | undefined;

afterEach(async () => {
  await control?.close();
  await field?.stop();
  await station?.close();
  field = undefined;
  control = undefined;
  station = undefined;
});

describe('concentrators in a field description', () => {
  it('starts one that dials in, reads its meters and shows its state on the control API', async () => {
    station = new TestStation('3201', 7);
    const port = await station.listen();
    const description = parseFieldDescription(`
start: "2026-12-01T08:00:00+08:00"
terminals: []
concentrators:
  - area: "3201"
    terminal: 7
    connect: { host: 127.0.0.1, port: ${port} }
    heartbeatS: 0.05
    readIntervalS: 0.05
    signalDbm: -83
    preloadTable: true
    meters:
      - { address: "320100000001" }
      - { address: "320100000002", phases: 3 }
`);
    field = await startField(description);
    control = await startControlServer(field);
    const test = station;
    const run = field.concentrator('3201-7');
    await run.uplink.waitFor('online');
    await test.until(
      () => test.heartbeats.length >= 1 && run.concentrator.readRounds >= 1,
      'a beat and a read',
    );
    const answer = await test.ask(q1376.AFN.class1Data, [{ kind: 'query', point: 2, fn: 129 }]);
    expect(answer[0]?.units[0]).toMatchObject({ kind: 'current-forward-active', point: 2 });
    expect(answer[0]?.units[0]).not.toMatchObject({ readAt: null });
    const response = await fetch(`http://127.0.0.1:${control.port}/concentrators`);
    const [state] = (await response.json()) as Record<string, unknown>[];
    expect(state).toMatchObject({ terminal: '3201-00007', signalDbm: -83, link: 'online', meterTable: 2 });
    expect(field.meterCount).toBe(2);
    const drop = await fetch(`http://127.0.0.1:${control.port}/concentrators/3201-7/drop`, {
      method: 'POST',
    });
    expect(drop.status).toBe(200);
    await test.until(() => test.logins.length === 2, 'a second login');
    // Power off: the link goes down and stays down; power on: it redials and has ERC 14 to tell.
    const power = (on: boolean) =>
      fetch(`http://127.0.0.1:${control?.port}/concentrators/3201-7/power`, {
        method: 'POST',
        body: JSON.stringify({ on }),
      });
    expect((await power(false)).status).toBe(200);
    await run.uplink.waitFor('offline');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(test.logins).toHaveLength(2);
    expect((await power(true)).status).toBe(200);
    await test.until(
      () => test.logins.length === 3 && run.uplink.state === 'online',
      'a login after power on',
    );
    const events = await test.ask(q1376.AFN.class3Data, [
      { kind: 'events-query', point: 0, fn: 1, from: 0, to: 1 },
    ]);
    expect(events[0]?.units[0]).toMatchObject({
      kind: 'events',
      records: [{ kind: 'power-off-on', erc: 14 }],
    });
  });

  it('lists every problem of a bad concentrator description', () => {
    expect(() =>
      parseFieldDescription(`
terminals: []
concentrators:
  - { area: "32x1", terminal: 0, connect: { host: h }, dropRate: 2, meters: [{ address: "1" }, { address: "1" }] }
`),
    ).toThrow(
      /area must be four digits[\s\S]*terminal must be 1–65535[\s\S]*connect needs host and port[\s\S]*dropRate must be 0–1[\s\S]*used twice/,
    );
  });
});
