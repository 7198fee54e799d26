import { describe, expect, it } from 'vitest';
import { golden1376 } from '../../test/golden-1376.ts';
import { concatBytes } from '../bytes.ts';
import { fromHex } from '../hex.ts';
import { decodeDa, decodeDt, encodeDa, encodeDt } from './data-id.ts';
import { Deframer } from './deframer.ts';
import { decodeFrame, encodeFrame, type Frame } from './frame.ts';

const base: Frame = {
  control: {
    direction: 'down',
    primary: true,
    frameCountBit: false,
    frameCountValid: false,
    functionCode: 11,
  },
  address: { area: '3201', terminal: 1, master: 1, group: false },
  afn: 0x0c,
  sequence: { first: true, final: true, confirm: false, number: 0 },
  units: fromHex('01 01 01 10'),
};

describe('1376.1 frames', () => {
  it('puts PW only where the standard has it, and EC only upward', () => {
    expect(() => encodeFrame({ ...base, password: new Uint8Array(16) })).toThrow(
      expect.objectContaining({ code: 'bad-value' }),
    );
    expect(() => encodeFrame({ ...base, afn: 0x05, password: new Uint8Array(15) })).toThrow(
      expect.objectContaining({ code: 'bad-value' }),
    );
    expect(() => encodeFrame({ ...base, eventCounters: { important: 1, normal: 1 } })).toThrow(
      expect.objectContaining({ code: 'bad-value' }),
    );
    // A 05 frame without a given PW carries 16 zero bytes, and reads back with them.
    expect(decodeFrame(encodeFrame({ ...base, afn: 0x05 })).password).toEqual(new Uint8Array(16));
  });

  it('refuses a frame too short for the PW, EC or Tp its header announces', () => {
    // Downlink AFN 04 needs 16 bytes of PW after its units; this one has L = 12.
    const short = fromHex('68 32 00 32 00 68 4A 01 32 01 00 02 04 60 00 00 01 00 E5 16');
    expect(() => decodeFrame(short)).toThrow(expect.objectContaining({ code: 'bad-length' }));
  });

  it('refuses a frame whose L is too small for C A AFN SEQ, and the deframer moves on', () => {
    const tiny = fromHex('68 0E 00 0E 00 68 00 00 00 16');
    expect(() => decodeFrame(tiny)).toThrow(expect.objectContaining({ code: 'bad-length' }));
    const good = fromHex((golden1376[0] as { hex: string }).hex);
    const events = new Deframer().push(concatBytes([tiny, good]));
    expect(events.map((e) => (e.kind === 'error' ? e.error.code : 'frame'))).toEqual(['bad-length', 'frame']);
  });

  it('keeps the 130-2005 protocol identifier and refuses a reserved one', () => {
    const old = encodeFrame({ ...base, protocol: 1 });
    expect(decodeFrame(old).protocol).toBe(1);
    const reserved = old.slice();
    reserved[1] = (reserved[1] as number) | 3;
    reserved[3] = reserved[1] as number;
    expect(() => decodeFrame(reserved)).toThrow(expect.objectContaining({ code: 'bad-start' }));
  });

  it('names points and functions as DA and DT do', () => {
    expect(encodeDa(0)).toEqual([0, 0]);
    expect(encodeDa(1)).toEqual([0x01, 0x01]);
    expect(encodeDa(9)).toEqual([0x01, 0x02]);
    expect(encodeDa(2040)).toEqual([0x80, 0xff]);
    expect(encodeDt(129)).toEqual([0x01, 0x10]);
    expect(encodeDt(161)).toEqual([0x01, 0x14]);
    expect(encodeDt(177)).toEqual([0x01, 0x16]);
    expect(encodeDt(31)).toEqual([0x40, 0x03]);
    expect(decodeDa(0x05, 0x02)).toEqual([9, 11]);
    expect(decodeDt(0x03, 0x00)).toEqual([1, 2]);
    expect(() => decodeDt(0x01, 31)).toThrow(expect.objectContaining({ code: 'bad-data' }));
    expect(() => encodeDa(2041)).toThrow(expect.objectContaining({ code: 'bad-value' }));
  });
});
