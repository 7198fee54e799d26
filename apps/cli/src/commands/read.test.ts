import { type Field, generateField, startField } from '@openami/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.ts';
import { run } from './read.ts';

async function cli(
  ...args: string[]
): Promise<{ code: number; lines: Record<string, unknown>[]; err: string }> {
  const lines: Record<string, unknown>[] = [];
  let err = '';
  const io: CommandIo = { out: (text) => lines.push(JSON.parse(text)), err: (text) => (err += text) };
  return { code: await run(args, io), lines, err };
}

describe('openami read', () => {
  let field: Field;
  beforeAll(async () => {
    field = await startField(
      generateField({ terminals: 1, ports: 1, metersPerPort: 2, seed: 3, baud: 9600 }),
    );
  });
  afterAll(async () => {
    await field.stop();
  });

  it('reads items from meters through a serial server', async () => {
    const [first, second] = field.addresses();
    const port = field.tcpPort(field.listing()[0]?.id as string, 0);
    const { code, lines } = await cli(
      '--tcp',
      `127.0.0.1:${port}`,
      '--baud',
      '9600',
      first as string,
      second as string,
      '--item',
      '00010000',
      '--item',
      '04000401',
    );
    expect(code).toBe(0);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      address: first,
      id: '00010000',
      name: '（当前）正向有功总电能',
      unit: 'kWh',
    });
    expect(typeof lines[0]?.value).toBe('number');
    expect(lines[1]).toMatchObject({ address: first, id: '04000401', value: first });
    expect(lines[3]).toMatchObject({ address: second, id: '04000401', value: second });
  });

  it('takes the item groups that --area and --meter take, alone or with identifiers', async () => {
    const [first] = field.addresses();
    const port = field.tcpPort(field.listing()[0]?.id as string, 0);
    const { code, lines, err } = await cli(
      '--tcp',
      `127.0.0.1:${port}`,
      '--baud',
      '9600',
      first as string,
      '--item',
      'energy',
      '--item',
      'clock',
      '--item',
      '00010000',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    // energy: forward total, tariffs 1-4, reverse total; clock: date and time; 00010000 is already there.
    expect(lines.map((line) => line.id)).toEqual([
      '00010000',
      '00010100',
      '00010200',
      '00010300',
      '00010400',
      '00020000',
      '04000101',
      '04000102',
    ]);
    expect(lines.every((line) => line.error === undefined)).toBe(true);
  });

  it('reports a meter that does not answer, and exits non-zero', async () => {
    const port = field.tcpPort(field.listing()[0]?.id as string, 0);
    const { code, lines } = await cli(
      '--tcp',
      `127.0.0.1:${port}`,
      '--baud',
      '9600',
      '999900000001',
      '--item',
      '00010000',
    );
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ address: '999900000001', error: 'timeout', attempts: 3 });
  });

  it('says what is wrong with its arguments', async () => {
    expect((await cli('--tcp', 'nowhere', '1', '--item', '00010000')).err).toContain('host:port');
    expect((await cli('--tcp', '127.0.0.1:1', '12345678901234', '--item', '00010000')).err).toContain(
      '1 to 12 digits',
    );
    expect((await cli('1')).code).toBe(2);
    expect((await cli('--tcp', '127.0.0.1:1', '1', '--item', 'energie')).err).toContain(
      'unknown data item energie (a group: energy, instantaneous, prepaid, status, clock',
    );
    expect((await cli('--tcp', '127.0.0.1:1', '1', '--edition', '1997', '--item', 'energy')).err).toContain(
      'names DL/T 645-2007 items',
    );
  });
});
