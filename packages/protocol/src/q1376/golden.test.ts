// Golden vectors, checked three ways (STYLE.md): decode(bytes) = meaning, encode(meaning) = bytes, and so
// decode(encode(meaning)) = meaning. Then what field terminals send that the standard does not say.
import { describe, expect, it } from 'vitest';
import { golden1376 } from '../../test/golden-1376.ts';
import { fromHex, toHex } from '../hex.ts';
import type { DecodedFrame } from './frame.ts';
import { decodeFrame } from './frame.ts';
import { decodeMessage, encodeMessage, type Message } from './message.ts';

/** The decoded frame in the vectors' shape: what a sender chooses, not what the decoder adds. */
function meaning(frame: DecodedFrame, units: Message['units']): Message {
  const { direction, primary, frameCountBit, frameCountValid, functionCode } = frame.control;
  return {
    control: { direction, primary, frameCountBit, frameCountValid, functionCode },
    address: frame.address,
    afn: frame.afn,
    sequence: frame.sequence,
    units,
    ...(frame.password === undefined ? {} : { password: frame.password }),
    ...(frame.eventCounters === undefined ? {} : { eventCounters: frame.eventCounters }),
    ...(frame.timeTag === undefined ? {} : { timeTag: frame.timeTag }),
  };
}

describe('1376.1 golden vectors', () => {
  it('cover every function of the issue, with unique names and a source each', () => {
    expect(new Set(golden1376.map((v) => v.name)).size).toBe(golden1376.length);
    expect(golden1376.every((v) => v.source.length > 0)).toBe(true);
    const functions = new Set(
      golden1376.flatMap((v) =>
        v.message.units.map((u) => `${v.message.control.direction} ${v.message.afn}:${u.fn}`),
      ),
    );
    for (const expected of [
      'up 2:1',
      'up 2:2',
      'up 2:3',
      'down 0:1',
      'up 0:2',
      'down 0:3',
      'down 4:1',
      'down 4:10',
      'down 10:10',
      'up 10:10',
      'up 10:3',
      'down 5:1',
      'down 5:2',
      'down 5:29',
      'down 5:31',
      'down 5:49',
      'down 12:129',
      'up 12:2',
      'up 12:25',
      'up 12:33',
      'up 12:129',
      'down 13:161',
      'down 13:177',
      'up 13:1',
      'up 13:5',
      'up 13:21',
      'up 13:161',
      'up 13:177',
      'down 14:1',
      'up 14:1',
      'up 14:2',
      'down 16:1',
      'up 16:1',
    ]) {
      expect(functions, expected).toContain(expected);
    }
  });

  describe.each(golden1376.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    const bytes = fromHex(vector.hex);

    it('decodes to its meaning', () => {
      const decoded = decodeMessage(bytes);
      expect(decoded.padding).toBe(0);
      expect(decoded.frame.frameLength).toBe(bytes.length);
      expect(meaning(decoded.frame, decoded.units)).toEqual(vector.message);
    });

    it('encodes from its meaning to the same bytes', () => {
      expect(toHex(encodeMessage(vector.message), ' ')).toBe(vector.hex);
    });

    it('decodes what it encodes', () => {
      const decoded = decodeMessage(encodeMessage(vector.message));
      expect(meaning(decoded.frame, decoded.units)).toEqual(vector.message);
    });
  });
});

const vector = (name: string) => {
  const found = golden1376.find((v) => v.name === name);
  if (found === undefined) throw new Error(`no vector ${name}`);
  return found;
};

/** The hex of a frame with other user data: L and CS recomputed the way the vectors were. */
function frameOf(userHex: string): Uint8Array {
  const user = fromHex(userHex);
  const length = (user.length << 2) | 2;
  let sum = 0;
  for (const byte of user) sum += byte;
  return Uint8Array.from([
    0x68,
    length & 0xff,
    length >> 8,
    length & 0xff,
    length >> 8,
    0x68,
    ...user,
    sum & 0xff,
    0x16,
  ]);
}

describe('what field terminals send', () => {
  it('reads the per-item confirm with DT 03 00 as 00 F3', () => {
    // The heartbeat's per-item confirm as some terminals and master stations write it: DT 03 00 (F1|F2).
    const decoded = decodeMessage(frameOf('0B 03 44 04 00 00 00 62 00 00 03 00 02 00 00 04 00 00'));
    expect(decoded.units).toEqual([
      { kind: 'item-results', point: 0, fn: 3, afn: 0x02, items: [{ point: 0, fn: 3, errorCode: 0 }] },
    ]);
  });

  it('ignores zero bytes after a confirm, inside L and after the frame', () => {
    const padded = decodeMessage(frameOf('0B 03 44 04 00 00 00 61 00 00 01 00 00 00 00 00 00 00'));
    expect(padded.units).toEqual([{ kind: 'confirm-all', point: 0, fn: 1 }]);
    expect(padded.padding).toBe(6);
    const trailing = Uint8Array.from([...fromHex(vector('login-confirm').hex), 0, 0, 0]);
    expect(decodeMessage(trailing).units).toEqual([{ kind: 'confirm-all', point: 0, fn: 1 }]);
    const itemsPadded = decodeMessage(
      frameOf('0B 03 44 04 00 00 00 62 00 00 04 00 02 00 00 04 00 00 00 00 00'),
    );
    expect(itemsPadded.units).toEqual([
      { kind: 'item-results', point: 0, fn: 3, afn: 0x02, items: [{ point: 0, fn: 3, errorCode: 0 }] },
    ]);
  });

  it('reads several points named by one DA, in ascending order', () => {
    // 0D F161 for p1 and p2 in one DA (DA1 = 03), one Td_d after it for each point.
    const decoded = decodeMessage(frameOf('4B 01 32 01 00 02 0D 69 03 01 01 14 07 12 26 07 12 26'));
    expect(decoded.units.map((u) => [u.point, u.fn, u.kind])).toEqual([
      [1, 161, 'daily-query'],
      [2, 161, 'daily-query'],
    ]);
  });

  it('reads several AFN 0D data units in one answer', () => {
    const decoded = decodeMessage(fromHex(vector('daily-f161-answer-two-meters').hex));
    expect(decoded.units.map((u) => u.point)).toEqual([1, 2]);
  });

  it('frames by L when 16H is inside the data and is the checksum', () => {
    const bytes = fromHex(vector('read-f129-answer-16h-checksum').hex);
    expect(bytes[bytes.length - 2]).toBe(0x16);
    expect(bytes.subarray(0, -2).includes(0x16)).toBe(true);
    expect(decodeFrame(bytes).frameLength).toBe(bytes.length);
  });

  it('keeps a function it does not know as bytes, to the end of the units', () => {
    // 0C F130 (not one we read) after F129's query.
    const decoded = decodeMessage(frameOf('4B 01 32 01 00 02 0C 64 01 01 01 10 01 01 02 10'));
    expect(decoded.units).toEqual([
      { kind: 'query', point: 1, fn: 129 },
      { kind: 'unknown', point: 1, fn: 130, raw: new Uint8Array(0) },
    ]);
  });

  it('refuses a frame whose checksum, end byte or length is wrong, with its code', () => {
    const good = fromHex(vector('login').hex);
    const badSum = good.slice();
    badSum[badSum.length - 2] = 0x89;
    const badEnd = good.slice();
    badEnd[badEnd.length - 1] = 0x17;
    expect(() => decodeFrame(badSum)).toThrow(expect.objectContaining({ code: 'bad-checksum' }));
    expect(() => decodeFrame(badEnd)).toThrow(expect.objectContaining({ code: 'bad-end' }));
    expect(() => decodeFrame(good.subarray(0, 10))).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => decodeFrame(fromHex('68 32 00 33 00 68'))).toThrow(
      expect.objectContaining({ code: 'bad-start' }),
    );
    // An F129 answer one byte short of its last tariff.
    expect(() =>
      decodeMessage(
        frameOf('88 01 32 01 00 02 0C 64 01 01 01 10 30 01 08 12 26 01 00 00 00 00 00 00 00 00 00'),
      ),
    ).toThrow(expect.objectContaining({ code: 'bad-data' }));
  });
});
