import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run } from './dlt645.ts';

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
});
