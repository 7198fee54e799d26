import { describe, expect, it } from 'vitest';
import { golden1376 } from '../../../../packages/protocol/test/golden-1376.ts';
import type { CommandIo } from '../io.ts';
import { run } from './q1376.ts';
import { VERBS } from './q1376-verbs.ts';

function golden(name: string): string {
  const vector = golden1376.find((v) => v.name === name);
  if (vector === undefined) throw new Error(`no golden vector ${name}`);
  return vector.hex;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) };
  const code = await run(args, io);
  return { code, out, err };
}

const encode = async (...args: string[]) => (await cli('encode', ...args)).out.trim();

describe('openami 1376', () => {
  it('decodes a published login to readable JSON', async () => {
    const { code, out } = await cli('decode', golden('login'));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      frame: {
        terminal: '4403-00004',
        afn: '02H 链路接口检测 link check',
        control: { byte: 'C9', direction: 'up' },
      },
      units: [{ kind: 'login', point: 0, fn: 1 }],
    });
  });

  it('decodes an F129 answer to integer readings, EEH as null', async () => {
    const { out } = await cli('decode', golden('read-f129-answer'));
    expect(JSON.parse(out).units[0]).toEqual({
      kind: 'current-forward-active',
      point: 1,
      fn: 129,
      readAt: { year: 2026, month: 12, day: 8, hour: 1, minute: 30 },
      forwardActiveDeciWh: { total: 12345678, tariffs: [3000000, 4000000, 5345678, null] },
    });
  });

  it('decodes the DL/T 645 frame a forward reply carries', async () => {
    const { out } = await cli('decode', golden('forward-reply'));
    expect(JSON.parse(out).units[0]).toMatchObject({
      kind: 'forward-reply',
      port: 2,
      content: 'FE FE FE FE 68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16',
      dlt645: { address: '003411001043', item: { id: '02010100', value: 229.7 } },
    });
  });

  it('encodes every request byte for byte as the golden vectors', async () => {
    expect(await encode('login', '4403-4', '--seq', '1')).toBe(golden('login'));
    expect(await encode('confirm', '4403-4', '--seq', '1', '--master', '0')).toBe(golden('login-confirm'));
    expect(await encode('read', '3201-00001', 'F129', '1', '--seq', '4')).toBe(golden('read-f129-request'));
    expect(await encode('read-daily', '3201-1', 'F161', '2026-12-07', '1', '--seq', '9')).toBe(
      golden('daily-f161-request-p1'),
    );
    expect(await encode('read-monthly', '3201-1', 'F177', '2026-11', '1', '--seq', '10')).toBe(
      golden('monthly-f177-request'),
    );
    expect(await encode('read-meter-table', '3201-1', '1', '2', '--seq', '15')).toBe(
      golden('query-meter-table'),
    );
    expect(await encode('read-events', '3201-1', 'important', '0', '3', '--seq', '6')).toBe(
      golden('events-request'),
    );
    expect(
      await encode(
        'set-meter-table',
        '3201-1',
        '--seq',
        '14',
        '--meter',
        'index=1,point=1,port=2,baud=2400,protocol=30,address=3411001043,tariffs=4,digits=5.2,class=5.1',
      ),
    ).toBe(golden('set-meter-table'));
    expect(await encode('trip', '3201-1', '1', '--delay', '2', '--seq', '1')).toBe(golden('trip'));
    expect(await encode('allow-close', '3201-1', '1', '--seq', '2')).toBe(golden('allow-close'));
    expect(await encode('allow-report', '3201-1', '--seq', '3')).toBe(golden('allow-active-report'));
    expect(await encode('time-sync', '3201-1', '--time', '2026-12-08 09:30:00', '--seq', '4')).toBe(
      golden('time-sync'),
    );
    expect(await encode('pause-reading', '3201-1', '2', '--seq', '5')).toBe(golden('pause-reading'));
  });

  it('encodes a forward of a DL/T 645 frame that decodes back to it', async () => {
    const frame = 'FE FE FE FE 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16';
    const hex = await encode('forward', '3201-1', '2', frame, '--timeout-s', '2', '--byte-timeout-ms', '100');
    const { out } = await cli('decode', hex);
    expect(JSON.parse(out).units[0]).toMatchObject({
      kind: 'forward-request',
      port: 2,
      serial: { baud: 2400, parity: 'even', dataBits: 8, stopBits: 1 },
      frameTimeout: { count: 2, unit: 's' },
      byteTimeout10Ms: 10,
      content: frame,
      dlt645: { address: '003411001043', request: { kind: 'read-data' } },
    });
  });

  it('has a working example for every verb', async () => {
    for (const verb of VERBS) {
      const args = verb.example.match(/"[^"]*"|\S+/g)?.map((part) => part.replace(/^"|"$/g, '')) ?? [];
      const { code, out, err } = await cli('encode', ...args);
      expect(err, verb.name).toBe('');
      expect(code, verb.name).toBe(0);
      expect((await cli('decode', out.trim())).code, verb.name).toBe(0);
    }
  });

  it('says what is wrong and exits non-zero', async () => {
    const bad = golden('login').replace(/88 16$/, '89 16');
    const decoded = await cli('decode', bad);
    expect(decoded.code).toBe(1);
    expect(decoded.err).toContain('bad-checksum');
    const typo = await cli('encode', 'read', '3201', 'F129', '1');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('3201-00001');
    expect((await cli('encode', 'read', '3201-1', 'F130', '1')).err).toContain('F2, F25, F33, F129');
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('help')).out).toContain('set-meter-table');
  });
});
