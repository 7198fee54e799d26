import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryValue } from '../../test/arbitraries.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex } from '../hex.ts';
import { decodeItem, encodeItem, listedItems, lookupItem } from './catalog.ts';
import { type CatalogItem, di2007 } from './catalog-types.ts';
import { type DataValue, describeFormat, type StatusWord } from './formats.ts';
import { decodeValue, encodeValue } from './value-codec.ts';

/** Identifiers resolved from families (energy, demand, variables, freezes), a few of each shape. */
function familyItems(): CatalogItem[] {
  const dis: number[] = [];
  for (const di2 of [0x00, 0x01, 0x02, 0x03, 0x05, 0x0a, 0x15, 0x29, 0x3d]) {
    for (const di1 of [0x00, 0x01, 0x04, 0x3f, 0xff])
      for (const di0 of [0x00, 0x01, 0x0c]) dis.push(di2007(0x00, di2, di1, di0));
  }
  for (const di1 of [0x00, 0x02, 0xff])
    dis.push(di2007(0x01, 0x01, di1, 0x00), di2007(0x01, 0x04, di1, 0x03));
  for (let di2 = 0x01; di2 <= 0x09; di2++)
    for (const di1 of [0x00, 0x01, 0x03, 0xff]) dis.push(di2007(0x02, di2, di1, 0x00));
  for (const di2 of [0x00, 0x01, 0x04, 0x06]) {
    for (const di1 of [0x00, 0x01, 0x02, 0x05, 0x09, 0x0a, 0x10]) dis.push(di2007(0x05, di2, di1, 0x01));
  }
  return dis.flatMap((di) => lookupItem('2007', di) ?? []);
}

const everyItem = [...listedItems('2007'), ...listedItems('1997'), ...familyItems()];

function comparable(value: DataValue): DataValue {
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    if ('flags' in value && 'raw' in value) return { raw: (value as StatusWord).raw };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v as DataValue)]));
  }
  return value;
}

describe('the data-identifier catalog', () => {
  it('covers what the head-end and the vending counter read', () => {
    expect(everyItem.length).toBeGreaterThan(700);
    const expectations: [number, string, string | undefined][] = [
      [0x00010000, '（当前）正向有功总电能', 'kWh'],
      [0x00020000, '（当前）反向有功总电能', 'kWh'],
      [0x0001ff00, '（当前）正向有功电能数据块', 'kWh'],
      [0x00030100, '（当前）组合无功1费率1电能', 'kvarh'],
      [0x02010100, 'A相电压', 'V'],
      [0x02020200, 'B相电流', 'A'],
      [0x02030000, '总瞬时有功功率', 'kW'],
      [0x02060000, '总功率因数', undefined],
      [0x02800002, '电网频率', 'Hz'],
      [0x04000101, '日期及星期', undefined],
      [0x04000401, '通信地址', undefined],
      [0x04000503, '电表运行状态字3', undefined],
      [0x05060001, '（上1次）日冻结时间', undefined],
      [0x05060101, '（上1次）日冻结正向有功电能数据', 'kWh'],
      [0x00900200, '（当前）剩余金额', 'yuan'],
      [0x03330201, '（上1次）购电后总购电次数', undefined],
      [0x04001004, '囤积金额限值', 'yuan'],
      [0x04000f04, '透支电量限值', 'kWh'],
      [0x03110001, '（上1次）掉电记录', undefined],
      [0x03300d01, '（上1次）开表盖记录', undefined],
      [0x03300e01, '（上1次）开端钮盒记录', undefined],
      [0x1d00ff01, '（上1次）跳闸记录', undefined],
      [0x1e000101, '（上1次）合闸发生时刻', undefined],
      [0x1b010001, 'A相潮流反向总次数', undefined],
      [0x19020101, '（上1次）B相过流发生时刻', undefined],
      [0x03300001, '（上1次）编程记录', undefined],
      [0x03300401, '（上1次）校时记录', undefined],
    ];
    for (const [di, zh, unit] of expectations) {
      const item = lookupItem('2007', di);
      expect(item?.zh, di.toString(16)).toBe(zh);
      expect(item?.unit).toBe(unit);
      expect(item?.en.length).toBeGreaterThan(3);
    }
    expect(lookupItem('1997', 0x9010)?.zh).toBe('（当前）正向有功总电能');
    expect(lookupItem('1997', 0x9410)?.zh).toBe('（上月）正向有功总电能');
    expect(lookupItem('1997', 0xb611)?.unit).toBe('V');
    expect(lookupItem('1997', 0xc032)?.zh).toBe('表号');
  });

  it('knows nothing of identifiers outside the tables', () => {
    expect(lookupItem('2007', 0x00010040)).toBeUndefined(); // tariff 64
    expect(lookupItem('2007', 0x0001000d)).toBeUndefined(); // settlement day 13
    expect(lookupItem('2007', 0x02010000)).toBeUndefined(); // voltage has no total
    expect(lookupItem('2007', 0x05060100)).toBeUndefined(); // freezes count from 1
    expect(lookupItem('1997', 0x1234)).toBeUndefined();
  });

  it('decodes an unknown identifier as raw bytes instead of failing', () => {
    const decoded = decodeItem('2007', 0x0f0f0f0f, fromHex('01 02 FF'));
    expect(decoded.item).toBeUndefined();
    expect(decoded.id).toBe('0F0F0F0F');
    expect(decoded.value).toBe('0102FF');
  });

  it('reads the flags of status word 3 (relay, supply, meter type)', () => {
    const word = decodeItem('2007', 0x04000503, fromHex('50 01')).value as StatusWord;
    expect(word.raw).toBe(0x0150);
    expect(word.flags).toMatchObject({
      relayOpen: true,
      relayCommandOpen: true,
      meterType: 1,
      supply: 0,
      programmingAllowed: false,
    });
    const battery = decodeItem('2007', 0x04000503, fromHex('04 02')).value as StatusWord;
    expect(battery.flags).toMatchObject({ supply: 2, meterType: 2, relayOpen: false });
    const faults = decodeItem('2007', 0x04000507, fromHex('00 06')).value as StatusWord;
    expect(faults.flags).toMatchObject({ coverOpen: true, terminalCoverOpen: true, powerDown: false });
  });

  it('refuses data of the wrong length and values the format cannot hold', () => {
    expect(() => decodeItem('2007', 0x02010100, fromHex('97 22 00'))).toThrow(ProtocolError);
    expect(() => decodeItem('2007', 0x0001ff00, fromHex('00 00 00'))).toThrow(/block/);
    expect(() => encodeItem('2007', 0x02010100, 229.75)).toThrow(/decimal place/);
    expect(() => encodeItem('2007', 0x02010100, 1000)).toThrow(/does not fit/);
    expect(() => encodeItem('2007', 0x00010000, -1)).toThrow(/negative/);
    expect(() => encodeItem('2007', 0x0f0f0f0f, 1)).toThrow(/not in the catalog/);
    expect(() => encodeItem('2007', 0x04000401, '12345')).toThrow(/12 digits/);
  });

  it('sends ASCII low byte first, like every other item', () => {
    const bytes = encodeItem('2007', 0x0400040b, 'DDSY1234');
    expect(bytes[9]).toBe('D'.charCodeAt(0));
    expect(decodeItem('2007', 0x0400040b, bytes).value).toBe('DDSY1234');
  });

  it('decodes what it encodes, for every item and every value its format holds', () => {
    for (const item of everyItem) {
      fc.assert(
        fc.property(arbitraryValue(item.format), (value) => {
          const bytes = encodeValue(item.format, value);
          expect(comparable(decodeValue(item.format, bytes, 0, bytes.length))).toEqual(comparable(value));
        }),
        { numRuns: 15 },
      );
    }
  });
});

describe('describeFormat', () => {
  it('writes each format as the standard tables do', () => {
    const format = (di: number) => describeFormat((lookupItem('2007', di) as CatalogItem).format);
    expect(format(0x00010000)).toBe('XXXXXX.XX');
    expect(format(0x04000103)).toBe('XX');
    expect(format(0x04000101)).toBe('YYMMDDWW');
    expect(format(0x04000401)).toBe('NNNNNNNNNNNN');
    expect(format(0x04000403)).toBe('ASCII ×32');
  });
});
