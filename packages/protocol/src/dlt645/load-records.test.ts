// 负荷记录 blocks: hand-built golden blocks three ways, the round trip of any block, and corrupted blocks.
// The blocks' bytes and checksums were worked out by a throwaway script independent of this encoder; the same
// blocks travel inside the golden frames of test/golden-2007.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRecord } from '../../test/arbitraries.ts';
import { isProtocolError, ProtocolError } from '../errors.ts';
import { fromHex, toHex } from '../hex.ts';
import { decodeItem, encodeItem, lookupItem } from './catalog.ts';
import type { StatusWord } from './formats.ts';
import {
  decodeLoadRecords,
  encodeLoadRecord,
  encodeLoadRecords,
  type LoadRecord,
  loadRecordDi,
  parseLoadRecordDi,
} from './load-records.ts';

/** One class-1 block of a single-phase meter at 2024-03-15 10:30; classes 2-6 empty. */
const CLASS_1_HEX = [
  'A0 A0', // start code
  '1C', // 28 bytes follow up to the last AAH
  '30 10 15 03 24', // 2024-03-15 10:30, low byte first
  '00 23 FF FF FF FF', // Ua 230.0 V, Ub and Uc none
  '00 30 00 FF FF FF FF FF FF', // Ia 3.000 A, Ib and Ic none
  '98 49', // 49.98 Hz
  'AA AA AA AA AA AA', // end of class 1, classes 2-6 empty
  'FE', // checksum
  'E5', // end code
].join(' ');
const CLASS_1: LoadRecord = {
  time: { year: 2024, month: 3, day: 15, hour: 10, minute: 30 },
  voltageCurrent: { voltageV: [230, null, null], currentA: [3, null, null], frequencyHz: 49.98 },
  power: null,
  powerFactor: null,
  energy: null,
  quadrantReactiveKvarh: null,
  demand: null,
};

/** Only class 4 (energies) at 2024-12-31 23:45. */
const CLASS_4_HEX = [
  'A0 A0', // start code
  '1B', // 27 bytes
  '45 23 31 12 24', // 2024-12-31 23:45
  'AA AA AA', // classes 1-3 empty
  '00 00 00 00', // forward active 0.00 kWh
  '99 99 99 99', // reverse active 999999.99 kWh
  '01 00 00 80', // combined reactive 1 -0.01 kvarh
  '99 99 99 79', // combined reactive 2 799999.99 kvarh
  'AA AA AA', // end of class 4, classes 5-6 empty
  '4F', // checksum
  'E5', // end code
].join(' ');
const CLASS_4: LoadRecord = {
  time: { year: 2024, month: 12, day: 31, hour: 23, minute: 45 },
  voltageCurrent: null,
  power: null,
  powerFactor: null,
  energy: {
    forwardActiveKwh: 0,
    reverseActiveKwh: 999999.99,
    combinedReactive1Kvarh: -0.01,
    combinedReactive2Kvarh: 799999.99,
  },
  quadrantReactiveKvarh: null,
  demand: null,
};

describe('load-record blocks', () => {
  it.each([
    ['class 1', CLASS_1_HEX, CLASS_1],
    ['class 4', CLASS_4_HEX, CLASS_4],
  ] as const)('%s: decode(bytes) = block, encode(block) = bytes', (_, hex, block) => {
    expect(decodeLoadRecords(fromHex(hex))).toEqual([block]);
    expect(toHex(encodeLoadRecord(block), ' ')).toBe(hex);
  });

  it('reads blocks back to back, as a reply of N blocks carries them', () => {
    const bytes = fromHex(`${CLASS_1_HEX} ${CLASS_4_HEX}`);
    expect(decodeLoadRecords(bytes)).toEqual([CLASS_1, CLASS_4]);
    expect(encodeLoadRecords([CLASS_1, CLASS_4])).toEqual(bytes);
    expect(decodeLoadRecords(new Uint8Array(0))).toEqual([]);
  });

  it('round-trips any block through its bytes', () => {
    fc.assert(
      fc.property(fc.array(loadRecord, { maxLength: 4 }), (blocks) => {
        const bytes = encodeLoadRecords(blocks);
        expect(decodeLoadRecords(bytes)).toEqual(blocks);
      }),
      { numRuns: 300 },
    );
  });

  it('names what is wrong with a damaged block', () => {
    const good = fromHex(CLASS_1_HEX);
    const damaged = (at: number, byte: number) => {
      const copy = good.slice();
      copy[at] = byte;
      return copy;
    };
    const codeOf = (bytes: Uint8Array) => {
      try {
        decodeLoadRecords(bytes);
      } catch (error) {
        return isProtocolError(error) ? error.code : 'not a ProtocolError';
      }
      return 'accepted';
    };
    expect(codeOf(damaged(0, 0xe0))).toBe('bad-data'); // start code
    expect(codeOf(damaged(good.length - 2, 0x00))).toBe('bad-checksum');
    expect(codeOf(damaged(good.length - 1, 0x16))).toBe('bad-data'); // end code
    expect(codeOf(damaged(2, 0x40))).toBe('bad-length'); // byte count past the data
    expect(codeOf(good.subarray(0, 20))).toBe('bad-length');
  });

  it('gives a typed error, never another exception, for random and mutated bytes', () => {
    const good = fromHex(`${CLASS_1_HEX} ${CLASS_4_HEX}`);
    const mutated = fc
      .array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })
      .map((changes) => {
        const copy = good.slice();
        for (const [at, byte] of changes) copy[at] = byte;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 220 }), mutated), (bytes) => {
        try {
          decodeLoadRecords(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('load-record identifiers and parameters', () => {
  it('spells 06 DI2 00 DI0 of Table A.7 and reads it back', () => {
    expect(loadRecordDi(0, 'earliest')).toBe(0x06000000);
    expect(loadRecordDi(0, 'from-time')).toBe(0x06000001);
    expect(loadRecordDi(6, 'latest')).toBe(0x06060002);
    expect(parseLoadRecordDi(0x06030001)).toEqual({ loadClass: 3, selector: 'from-time' });
    expect(parseLoadRecordDi(0x06070000)).toBeUndefined();
    expect(parseLoadRecordDi(0x06000003)).toBeUndefined();
    expect(parseLoadRecordDi(0x06000100)).toBeUndefined();
    expect(() => loadRecordDi(7, 'latest')).toThrow(ProtocolError);
  });

  it('catalogs every block identifier and decodes replies through decodeItem', () => {
    expect(lookupItem('2007', 0x06000000)?.zh).toBe('最早记录块');
    expect(lookupItem('2007', 0x06040001)?.zh).toBe('第4类负荷给定时间记录块');
    expect(lookupItem('2007', 0x06060002)?.en).toBe('load records: class 6 latest block');
    expect(decodeItem('2007', 0x06010002, fromHex(CLASS_1_HEX)).value).toEqual([CLASS_1]);
    expect(toHex(encodeItem('2007', 0x06040000, [CLASS_4]), ' ')).toBe(CLASS_4_HEX);
  });

  it('knows the recording parameters of Table A.5', () => {
    const mode = decodeItem('2007', 0x04000901, fromHex('09')).value as StatusWord;
    expect(mode.flags).toMatchObject({ voltageCurrent: true, energy: true, power: false, demand: false });
    expect(decodeItem('2007', 0x04000a01, fromHex('00 00 01 01')).value).toEqual({
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
    });
    expect(decodeItem('2007', 0x04000a02, fromHex('15 00')).value).toBe(15);
    expect(lookupItem('2007', 0x04000a07)).toMatchObject({ zh: '第6类负荷记录间隔时间', unit: 'min' });
    expect(lookupItem('2007', 0x04000a02)?.access).toBe('read-write');
  });
});
