import {
  type DecodedFrame,
  decodeItem,
  encodeItem,
  parseRequest2007,
  responseFrame2007,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { busOverScript, type ScriptedReply } from '../../test/scripted-terminal.ts';
import type { MeterClient } from '../link/meter-client.ts';
import { executeCommand } from './meter-command.ts';

const METER = '000000000001';
const credentials = { passwordLevel: 2, password: '123456', operatorCode: '00000001' };
const meterNow = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

/** A relay meter: counts the commands it applies; can lose the answer to the first one. */
function relayMeter(options: { loseFirstAnswer?: boolean; password?: string } = {}) {
  const state = { relayOpen: false, applied: 0, alarmMoney: 20 };
  let answered = 0;
  const script = (frame: DecodedFrame): ScriptedReply | undefined => {
    const request = parseRequest2007(frame);
    const reply = (response: Parameters<typeof responseFrame2007>[0]) => ({
      frame: responseFrame2007(response),
    });
    if (request.kind === 'remote-control' || request.kind === 'write-data') {
      if (request.password !== (options.password ?? '123456')) {
        return reply({
          kind: 'abnormal',
          address: METER,
          function: request.kind,
          errorWord: 4,
          reasons: ['unauthorized'],
        });
      }
      state.applied++;
      if (request.kind === 'remote-control') state.relayOpen = request.command === 'trip';
      else state.alarmMoney = decodeItem('2007', request.di, request.value).value as number;
      if (options.loseFirstAnswer && answered++ === 0) return undefined;
      return reply({ kind: 'ack', address: METER, function: request.kind });
    }
    if (request.kind === 'read-data' && request.di === 0x04000503) {
      const raw = state.relayOpen ? 0x0050 : 0;
      return reply({
        kind: 'read-data',
        address: METER,
        di: request.di,
        data: encodeItem('2007', request.di, { raw, flags: {} }),
        followUp: false,
      });
    }
    if (request.kind === 'read-data' && request.di === 0x04001001) {
      return reply({
        kind: 'read-data',
        address: METER,
        di: request.di,
        data: encodeItem('2007', request.di, state.alarmMoney),
        followUp: false,
      });
    }
    return undefined;
  };
  return { state, script };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function client(script: (frame: DecodedFrame) => ScriptedReply | undefined): Promise<MeterClient> {
  const scripted = await busOverScript(script);
  cleanup.push(scripted.close);
  return scripted.client;
}

describe('meter commands', () => {
  it('trip the relay and confirm it by reading the status word back', async () => {
    const meter = relayMeter();
    const outcome = await executeCommand(
      { client: await client(meter.script), address: METER, credentials, meterNow },
      { kind: 'relay', action: 'trip' },
    );
    expect(outcome).toEqual({ status: 'confirmed', attempts: 1 });
    expect(meter.state).toMatchObject({ relayOpen: true, applied: 1 });
  });

  it('do not apply a command twice when its answer was lost', async () => {
    const meter = relayMeter({ loseFirstAnswer: true });
    const outcome = await executeCommand(
      { client: await client(meter.script), address: METER, credentials, meterNow },
      { kind: 'relay', action: 'trip' },
    );
    expect(outcome.status).toBe('confirmed');
    expect(meter.state.applied).toBe(1);
  });

  it('fail with the meter’s reason when it refuses, without retrying', async () => {
    const meter = relayMeter({ password: '999999' });
    const outcome = await executeCommand(
      { client: await client(meter.script), address: METER, credentials, meterNow },
      { kind: 'relay', action: 'trip' },
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.attempts).toBe(1);
    expect(outcome.reason).toMatch(/wrong password/);
    expect(outcome.why).toEqual({
      code: 'meter-refused',
      params: { request: 'remote-control', errors: ['unauthorized'] },
    });
    expect(meter.state.applied).toBe(0);
  });

  it('write a parameter and confirm the value read back', async () => {
    const meter = relayMeter();
    const outcome = await executeCommand(
      { client: await client(meter.script), address: METER, credentials, meterNow },
      { kind: 'write', di: 0x04001001, value: 35.5 },
    );
    expect(outcome.status).toBe('confirmed');
    expect(meter.state.alarmMoney).toBe(35.5);
  });
});
