import { describe, expect, it } from 'vitest';
import { golden1997 } from '../../../../packages/protocol/test/golden-1997.ts';
import { golden2007 } from '../../../../packages/protocol/test/golden-2007.ts';
import type { CommandIo } from '../io.ts';
import { run } from './dlt645.ts';
import { VERBS } from './dlt645-verbs.ts';

/** A golden vector's frame without its wake-up bytes, as `--wake-up 0` prints it. */
function golden(name: string, edition: '2007' | '1997' = '2007'): string {
  const vector = (edition === '2007' ? golden2007 : golden1997).find((v) => v.name === name);
  if (vector === undefined) throw new Error(`no golden vector ${name}`);
  return vector.hex.replace(/^(FE )+/, '');
}

const encode = async (...args: string[]) => (await cli('encode', ...args, '--wake-up', '0')).out.trim();
const CREDENTIALS = ['--password', '02:123456', '--operator', '12345678'];

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) };
  const code = await run(args, io);
  return { code, out, err };
}

describe('openami 645', () => {
  it('decodes a reply to readable JSON with the item’s name, unit and value', async () => {
    const { code, out } = await cli(
      'decode',
      'FE FE FE FE 68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      edition: '2007',
      frame: { address: '003411001043', control: '91', direction: 'response', preamble: 4 },
      response: { kind: 'read-data', di: '02010100' },
      item: { id: '02010100', name: { zh: 'A相电压' }, unit: 'V', value: 229.7 },
    });
  });

  it('decodes a 1997 request without being told the edition', async () => {
    const { out } = await cli('decode', '68 03 00 00 00 00 00 68 01 02 44 E9 03 16');
    expect(JSON.parse(out)).toMatchObject({ edition: '1997', request: { kind: 'read-data', di: 'B611' } });
  });

  it('encodes a read request', async () => {
    expect((await cli('encode', 'read', '003411001043', '02010100')).out.trim()).toBe(
      'FE FE FE FE 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16',
    );
    expect((await cli('encode', 'read', '3', 'B611', '--edition', '1997', '--wake-up', '0')).out.trim()).toBe(
      '68 03 00 00 00 00 00 68 01 02 44 E9 03 16',
    );
    expect((await cli('encode', 'read-address', '--wake-up', '0')).out.trim()).toBe(
      '68 AA AA AA AA AA AA 68 13 00 DF 16',
    );
  });

  it('says what is wrong with a bad frame and exits non-zero', async () => {
    const { code, err } = await cli('decode', '68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EF 16');
    expect(code).toBe(1);
    expect(err).toContain('bad-checksum');
    expect((await cli('decode', 'zz')).err).toContain('not a sequence of hex bytes');
    expect((await cli('encode', 'read', '12345678901234', '02010100')).err).toContain('1 to 12 digits');
  });

  it('prints its usage for unknown actions', async () => {
    const { code, err } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(err).toContain('usage:');
  });

  describe('encode: every function a technician needs, byte for byte as the golden vectors', () => {
    it('writes data with password and operator code, the value read in the item’s unit', async () => {
      expect(await encode('write', '202305150001', '04001001', '20.00', ...CREDENTIALS)).toBe(
        golden('write-alarm-amount-1'),
      );
      expect(
        await encode(
          'write',
          '201903250007',
          'C011',
          '08:30:00',
          '--password',
          '01:123456',
          '--edition',
          '1997',
        ),
      ).toBe(golden('write-time-request', '1997'));
      // An identifier the catalog does not know goes by its bytes, as given.
      expect(await encode('write', '202305150001', '04001001', '--raw', '00200000', ...CREDENTIALS)).toBe(
        golden('write-alarm-amount-1'),
      );
    });

    it('builds relay, alarm and guarantee-power commands (1CH) with their validity time', async () => {
      const until = ['--valid-until', '2024-03-16 12:00:00'];
      expect(await encode('control', '202305150001', 'trip', ...CREDENTIALS, ...until)).toBe(
        golden('remote-control-trip'),
      );
      expect(await encode('control', '202305150001', 'close-permit', ...CREDENTIALS, ...until)).toBe(
        golden('remote-control-close-permit'),
      );
      expect(await encode('control', '202305150001', 'alarm', ...CREDENTIALS, ...until)).toBe(
        golden('remote-control-alarm'),
      );
      expect(
        await encode(
          'control',
          '202305150001',
          'protect-on',
          ...CREDENTIALS,
          '--valid-until',
          '2024-12-31 23:59:59',
        ),
      ).toBe(golden('remote-control-protect-on'));
      // --valid-for: minutes from now on this machine's clock; the frame decodes back to a trip.
      const { out } = await cli(
        'encode',
        'control',
        '202305150001',
        'trip',
        ...CREDENTIALS,
        '--valid-for',
        '10',
      );
      const decoded = JSON.parse((await cli('decode', out.trim())).out);
      expect(decoded.request).toMatchObject({
        kind: 'remote-control',
        command: 'trip',
        operatorCode: '12345678',
      });
    });

    it('broadcasts the time, freezes, reads and writes the address, changes baud rate and password', async () => {
      expect(await encode('time-sync', '2024-03-15 08:30:00')).toBe(golden('broadcast-time-sync'));
      expect(await encode('time-sync', '2024-03-15 08:30:00', '--edition', '1997')).toBe(
        golden('broadcast-time', '1997'),
      );
      expect(await encode('freeze', '202305150018', '99010000')).toBe(golden('freeze-monthly-pattern'));
      expect(await encode('freeze', '999999999999', 'now')).toBe(golden('freeze-now-broadcast'));
      expect(await encode('read-address')).toBe(golden('real-read-address-request-wildcard'));
      expect(await encode('write-address', '202305150002')).toBe(golden('write-address-request'));
      expect(await encode('baud', '202305150001', '9600')).toBe(golden('change-baud-request'));
      expect(await encode('password', '202305150001', '--password', '02:123456', '--new', '02654321')).toBe(
        golden('change-password-request'),
      );
      expect(await encode('read-next', '202305150018', '0001FF00', '1')).toBe(
        golden('read-follow-up-request'),
      );
      expect(await encode('read', '202305150018', '06000000', '--blocks', '5')).toBe(
        golden('read-load-profile-request-block-count'),
      );
      expect(
        await encode('read', '003411001043', '06000001', '--blocks', '2', '--from', '2024-03-15 10:15'),
      ).toBe(golden('load-records-from-time-request'));
    });

    it('clears demand, the meter and its events (19H, 1AH, 1BH)', async () => {
      expect(await encode('clear-demand', '202305150018', ...CREDENTIALS)).toBe(
        golden('clear-max-demand-request'),
      );
      expect(await encode('clear-meter', '202305150001', ...CREDENTIALS)).toBe(golden('meter-clear-request'));
      expect(await encode('clear-events', '202305150001', 'all', ...CREDENTIALS)).toBe(
        golden('event-clear-all-request'),
      );
      expect(await encode('clear-events', '202305150001', '03110000', ...CREDENTIALS)).toBe(
        golden('event-clear-power-down-request'),
      );
    });

    it('puts the encryptor’s ciphertexts and MACs into the 03H security commands', async () => {
      expect(
        await encode(
          'auth',
          '202305150001',
          '--operator',
          '12345678',
          '--ciphertext',
          '0102030405060708',
          '--random',
          '1112131415161718',
        ),
      ).toBe(golden('security-identity-auth'));
      expect(
        await encode(
          'recharge',
          '202305150001',
          '--operator',
          '12345678',
          '--amount',
          '100',
          '--count',
          '2',
          '--mac1',
          'A1B2C3D4',
          '--customer',
          '1234',
          '--mac2',
          '0A0B0C0D',
        ),
      ).toBe(golden('security-recharge'));
    });
  });

  it('refuses what it cannot send, saying what is wrong', async () => {
    const refusal = async (...args: string[]) => {
      const { code, err } = await cli('encode', ...args);
      expect(code).toBeGreaterThan(0);
      return err;
    };
    expect(await refusal('write', '2023051500011', '04001001', '20.00', ...CREDENTIALS)).toContain(
      '1 to 12 digits',
    );
    expect(await refusal('write', '202305150001', '04001001', '20.00', '--password', '123456')).toContain(
      '--password takes the level and a six-digit password',
    );
    expect(await refusal('write', '202305150001', '04001001', '20.00')).toContain('--password is required');
    expect(
      await refusal(
        'write',
        '202305150001',
        '04001001',
        '20.00',
        '--password',
        '02:123456',
        '--operator',
        '12',
      ),
    ).toContain('--operator takes eight hex digits');
    expect(await refusal('write', '202305150001', '04AB0000', '1', ...CREDENTIALS)).toContain(
      'unknown data item 04AB0000',
    );
    expect(await refusal('write', '202305150001', '00010000', '1', ...CREDENTIALS)).toContain('is read-only');
    expect(await refusal('write', '202305150001', '04001001', '1234567.00', ...CREDENTIALS)).toContain(
      'out of range',
    );
    expect(await refusal('write', '202305150001', '04001001', '20.005', ...CREDENTIALS)).toContain(
      'at most 2 decimal place(s)',
    );
    expect(await refusal('write', '202305150001', '04000102', '25:00:00', ...CREDENTIALS)).toContain(
      'not a valid hh:mm:ss',
    );
    expect(await refusal('control', '202305150001', 'trip', ...CREDENTIALS)).toContain('--valid-until');
    expect(await refusal('control', '202305150001', 'explode', ...CREDENTIALS, '--valid-for', '5')).toContain(
      'unknown control command',
    );
    expect(
      await refusal('control', '202305150001', 'trip', ...CREDENTIALS, '--valid-until', '2024-02-30 12:00'),
    ).toContain('not a date and time');
    expect(await refusal('baud', '202305150001', '7200')).toContain('baud rate 7200 is not one of');
    expect(await refusal('clear-meter', '3', ...CREDENTIALS, '--edition', '1997')).toContain(
      'DL/T 645-2007 function, not in 1997',
    );
    expect(await refusal('frobnicate')).toContain('unknown verb');
  });

  it('lists every verb with an example in its help, and each example builds a frame', async () => {
    const { code, out } = await cli('help');
    expect(code).toBe(0);
    for (const verb of VERBS) {
      expect(out).toContain(`openami 645 encode ${verb.example}`);
      const example = verb.example.match(/"[^"]*"|\S+/g)?.map((part) => part.replace(/^"|"$/g, '')) ?? [];
      const result = await cli('encode', ...example);
      expect(result.err).toBe('');
      expect(result.out).toMatch(/^FE FE FE FE 68 /);
    }
    for (const name of [
      'trip',
      'close-permit',
      'close-direct',
      'alarm',
      'alarm-release',
      'protect-on',
      'protect-off',
    ])
      expect(out).toContain(name);
  });
});
