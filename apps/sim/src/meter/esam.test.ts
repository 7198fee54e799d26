// Remote top-up of a money-type meter over TCP, as a master station does it: identity authentication with
// the meter's diversified key, then 开户 / 充值 with MACs under the session key, refusals in SERR words.
import { randomBytes } from 'node:crypto';
import {
  authCiphertext,
  decodeItem,
  diversifierOf,
  fromHex,
  meterKey,
  parseResponse2007,
  type Request2007,
  type Response2007,
  requestFrame2007,
  sessionKey,
  toHex,
  topUpMacs,
} from '@openami/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestMaster } from '../../test/client.ts';
import { type Field, startField } from '../field/field.ts';
import { sm4 } from './esam.ts';
import { SIM_TEST_ESAM_KEY } from './meter-config.ts';

const ADDRESS = '202305150001';
const CUSTOMER = '000000001234';
const OPERATOR = '00000001';
let field: Field | undefined;
let master: TestMaster | undefined;

afterEach(async () => {
  master?.close();
  await field?.stop();
  field = undefined;
});

async function start(esamKey?: string): Promise<TestMaster> {
  field = await startField({
    start: '2026-03-02T08:00:00+08:00',
    terminals: [
      {
        id: 'T1',
        model: 'DH601',
        ports: [
          {
            baud: 9600,
            meters: [
              {
                address: ADDRESS,
                responseDelayMs: { min: 20, max: 20 },
                moneyPrepaid: { hoardingLimitFen: 100_000 },
                ...(esamKey === undefined ? {} : { esamKey }),
              },
            ],
          },
        ],
      },
    ],
  });
  master = await TestMaster.open(field.tcpPort('T1'));
  return master;
}

async function ask(request: Request2007): Promise<Response2007> {
  const exchange = await (master as TestMaster).exchange(requestFrame2007(request), 1_000);
  if (exchange.frame === undefined) throw new Error('no reply');
  return parseResponse2007(exchange.frame);
}

/** The master station's side of the soft ESAM, as the head-end's security module does it. */
async function authenticate(masterKey = SIM_TEST_ESAM_KEY): Promise<Uint8Array | Response2007> {
  const key = meterKey(sm4, fromHex(masterKey), diversifierOf(ADDRESS));
  const random1 = toHex(randomBytes(8));
  const reply = await ask({
    kind: 'security',
    address: ADDRESS,
    operatorCode: OPERATOR,
    command: 'identity-auth',
    ciphertext: authCiphertext(sm4, key, random1),
    random: random1,
    diversifier: diversifierOf(ADDRESS),
  });
  if (reply.kind !== 'security' || reply.command !== 'identity-auth') return reply;
  expect(reply.esamSerial).toMatch(/^[0-9A-F]{16}$/);
  return sessionKey(sm4, key, random1, reply.random);
}

function topUp(
  session: Uint8Array,
  command: 'open-account' | 'recharge',
  purchaseCount: number,
  amountFen: number,
): Promise<Response2007> {
  const order = { command, amountFen, purchaseCount, customerNumber: CUSTOMER };
  return ask({
    kind: 'security',
    address: ADDRESS,
    operatorCode: OPERATOR,
    ...order,
    ...topUpMacs(sm4, session, order),
  });
}

async function read(di: number) {
  const reply = await ask({ kind: 'read-data', address: ADDRESS, di });
  return reply.kind === 'read-data' ? decodeItem('2007', di, reply.data).value : reply;
}

describe('remote top-up of a money-type meter over the wire', () => {
  it('opens the account and recharges after identity authentication, then shows it on the prepaid items', async () => {
    await start();
    const session = await authenticate();
    expect(session).toBeInstanceOf(Uint8Array);
    expect(await topUp(session as Uint8Array, 'open-account', 1, 5_000)).toEqual({
      kind: 'security',
      address: ADDRESS,
      command: 'open-account',
    });
    expect(await topUp(session as Uint8Array, 'recharge', 2, 2_550)).toMatchObject({ command: 'recharge' });
    expect(await read(0x00900200)).toBe(75.5);
    expect(await read(0x03330201)).toBe(2);
    expect(await read(0x03330301)).toBe(25.5);
    expect(await read(0x03330601)).toBe(75.5);
    // Status word 3, D8–D9: a money-type prepaid meter.
    const word = (await read(0x04000503)) as { raw: number };
    expect((word.raw >> 8) & 3).toBe(2);
    expect((field as Field).meter(ADDRESS).moneyPrepaid?.remainingFen).toBe(7_550);
  });

  it('refuses without authentication, with a wrong MAC, with a wrong key, and a repeated top-up', async () => {
    await start();
    const stranger = fromHex('000102030405060708090A0B0C0D0E0F');
    expect(await topUp(stranger, 'open-account', 1, 5_000)).toMatchObject({
      kind: 'security-refused',
      reasons: ['authentication'],
    });
    expect(await authenticate('FFEEDDCCBBAA99887766554433221100')).toMatchObject({
      kind: 'security-refused',
      reasons: ['authentication'],
    });
    const session = (await authenticate()) as Uint8Array;
    const order = {
      command: 'open-account' as const,
      amountFen: 5_000,
      purchaseCount: 1,
      customerNumber: CUSTOMER,
    };
    const macs = topUpMacs(sm4, session, order);
    // A MAC for 50 yuan does not buy 500.
    expect(
      await ask({
        kind: 'security',
        address: ADDRESS,
        operatorCode: OPERATOR,
        ...order,
        amountFen: 50_000,
        ...macs,
      }),
    ).toMatchObject({ kind: 'security-refused', errorWord: 0x04, reasons: ['esam-verification'] });
    expect(await topUp(session, 'open-account', 1, 5_000)).toMatchObject({ kind: 'security' });
    expect(await topUp(session, 'recharge', 1, 5_000)).toMatchObject({ reasons: ['repeated-recharge'] });
    expect(await topUp(session, 'recharge', 3, 5_000)).toMatchObject({ reasons: ['purchase-count'] });
    expect(await topUp(session, 'recharge', 2, 95_001)).toMatchObject({ reasons: ['hoarding-limit'] });
    expect((field as Field).meter(ADDRESS).moneyPrepaid?.remainingFen).toBe(5_000);
  });

  it('uses the key it was given: a site key replaces the test key', async () => {
    const siteKey = 'A1A2A3A4A5A6A7A8B1B2B3B4B5B6B7B8';
    await start(siteKey);
    expect(await authenticate()).toMatchObject({ kind: 'security-refused' });
    const session = await authenticate(siteKey);
    expect(await topUp(session as Uint8Array, 'open-account', 1, 100)).toMatchObject({ kind: 'security' });
  });
});
