import { afterEach, describe, expect, it } from 'vitest';
import { type Field, startField } from '../field/field.ts';
import { type ControlServer, startControlServer } from './control-server.ts';

let field: Field | undefined;
let control: ControlServer | undefined;

afterEach(async () => {
  await control?.close();
  await field?.stop();
  field = undefined;
  control = undefined;
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${control?.port}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('control API', () => {
  it('reads true state and injects scenarios and faults at run time', async () => {
    field = await startField({
      terminals: [
        {
          id: 'T1',
          model: 'DH601',
          ports: [{ meters: [{ address: '000000000001', prepaid: { initialRemainingWh: 50_000 } }] }],
        },
      ],
    });
    control = await startControlServer(field);
    const terminals = await call('GET', '/terminals');
    expect(terminals.body).toMatchObject([{ id: 'T1', model: 'DH601' }]);
    expect((await call('POST', '/meters/000000000001/scenario', { kind: 'cover-open' })).body).toEqual({
      done: true,
    });
    const purchase = await call('POST', '/meters/000000000001/scenario', {
      kind: 'purchase',
      purchaseCount: 2,
      energyWh: 1_000,
    });
    expect(purchase.body).toEqual({ accepted: false, reason: 'purchase-count' });
    const state = await call('GET', '/meters/000000000001');
    expect(state.body).toMatchObject({ tamper: { coverOpen: true }, prepaid: { purchaseCount: 0 } });
    expect(
      (await call('PUT', '/faults', { target: { meter: '000000000001' }, faults: { dead: true } })).status,
    ).toBe(200);
    expect(field.placement('000000000001').bus.meterFaults.size).toBe(1);
    expect((await call('PUT', '/faults', { target: { meter: '1' }, faults: { dropRate: 2 } })).status).toBe(
      400,
    );
    expect((await call('GET', '/meters/000000000099')).status).toBe(404);
  });
});
