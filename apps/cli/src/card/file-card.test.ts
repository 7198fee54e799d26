import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterWrongPassword, type CardImage } from '@openami/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { run as card } from '../commands/card.ts';
import type { CommandIo } from '../io.ts';
import { FileCardDevice } from './file-card.ts';

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text) };
}

describe('the file-backed virtual card', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openami-card-'));
  afterAll(() => rmSync(dir, { recursive: true }));

  it('has no card until one is issued, and reads back what it wrote', async () => {
    const device = new FileCardDevice(join(dir, 'a.json'));
    expect(await device.read()).toBeUndefined();
    const blank = await device.issueBlank('C-A');
    expect(await device.read()).toEqual(blank);
    await expect(device.issueBlank('C-A')).rejects.toThrow();
  });

  it('refuses to write a locked card or another card over this one', async () => {
    const device = new FileCardDevice(join(dir, 'b.json'));
    let image: CardImage = await device.issueBlank('C-B');
    await expect(device.write({ ...image, cardId: 'C-X' })).rejects.toThrow(/C-B/);
    for (let i = 0; i < 3; i += 1) image = afterWrongPassword(image);
    await device.write(image);
    await expect(device.write({ ...image, data: { kind: 'blank' } })).rejects.toThrow(/locked/);
  });

  it('takes a sold card into a virtual meter once (openami card insert)', async () => {
    const path = join(dir, 'c.json');
    const device = new FileCardDevice(path);
    const blank = await device.issueBlank('C-C');
    await device.write({
      ...blank,
      data: {
        kind: 'customer',
        meterNo: '00012345',
        accountNo: 'AC1',
        cardSerial: 1,
        purchaseCount: 1,
        purchaseKwh: 100,
        loaded: false,
        alarmKwh: 10,
        creditLimitKwh: 0,
        hoardingLimitKwh: 0,
        capacityLimitMode: 0,
        meterData: null,
      },
    });
    const meter = join(dir, 'meter.json');
    const first = capture();
    expect(
      await card(
        ['insert', '--card', path, '--meter', meter, '--meter-no', '00012345', '--preset-kwh', '12'],
        first,
      ),
    ).toBe(0);
    expect(first.lines).toEqual(['loaded: meter 00012345 holds purchase 1, 100 kWh remaining']);
    const second = capture();
    expect(await card(['insert', '--card', path, '--meter', meter], second)).toBe(0);
    expect(second.lines[0]).toMatch(/^already_held/);
    expect((await device.read())?.data).toMatchObject({ loaded: true, meterData: { remainingKwh: 100 } });
  });
});
