// Golden vectors, checked three ways (STYLE.md): decode(bytes) = meaning, encode(meaning) = bytes, and so
// decode(encode(meaning)) = meaning. The vectors are hand-built from the standard or cited real frames
// (packages/protocol/test/golden-*.ts); none was produced by this encoder.
import { describe, expect, it } from 'vitest';
import { golden1997 } from '../../test/golden-1997.ts';
import { type GoldenVector, golden2007 } from '../../test/golden-2007.ts';
import { ProtocolError } from '../errors.ts';
import { fromHex, toHex } from '../hex.ts';
import { isValidDateTime } from './calendar.ts';
import { encodeItem } from './catalog.ts';
import { formatDi } from './catalog-types.ts';
import type { Edition } from './constants.ts';
import type { MeterDateTime } from './formats.ts';
import { decodeFrame, encodeFrame, type Frame } from './frame.ts';
import {
  type Request1997,
  type Response1997,
  requestFrame1997,
  responseFrame1997,
} from './functions-1997.ts';
import { requestFrame2007, responseFrame2007 } from './functions-2007.ts';
import { type DecodedMessage, interpretFrame } from './message.ts';
import type { Request2007, Response2007 } from './messages-2007.ts';

const vectors: readonly GoldenVector[] = [...golden2007, ...golden1997];

describe('golden vectors', () => {
  it('are numerous and varied enough to mean something', () => {
    expect(golden2007.length).toBeGreaterThanOrEqual(40);
    expect(golden1997.length).toBeGreaterThanOrEqual(15);
    expect(new Set(vectors.map((v) => `${v.edition} ${v.name}`)).size).toBe(vectors.length);
    expect(vectors.every((v) => v.source.length > 0)).toBe(true);
  });

  describe.each(vectors.map((v) => [`${v.edition} ${v.name}`, v] as const))('%s', (_, vector) => {
    const bytes = fromHex(vector.hex);

    it('decodes to the expected frame', () => {
      const frame = decodeFrame(bytes);
      expect({
        preamble: frame.preamble,
        address: frame.address,
        control: frame.controlByte,
        direction: frame.control.direction,
        abnormal: frame.control.abnormal,
        followUp: frame.control.followUp,
        functionCode: frame.control.functionCode,
        data: toHex(frame.data),
      }).toEqual(vector.frame);
    });

    it('decodes to the expected meaning', () => {
      const time = timeOf(vector.message);
      if (time !== undefined && !isValidDateTime(time)) {
        // A frame carrying a time no calendar has is refused, not rolled over into another month.
        expect(() => interpretFrame(decodeFrame(bytes), vector.edition)).toThrow(
          expect.objectContaining({ code: 'bad-date-time' }),
        );
        return;
      }
      const decoded = interpretFrame(decodeFrame(bytes), vector.edition);
      expect(decoded.message.edition).toBe(vector.edition);
      expect(inVectorShape(decoded)).toEqual(vector.message);
    });

    it('encodes from its meaning to the same bytes', () => {
      const time = timeOf(vector.message);
      if (time !== undefined && !isValidDateTime(time)) {
        // Nor do we ever send one.
        const decoded = {
          message: { edition: vector.edition, direction: 'request', request: vector.message },
        };
        expect(() => frameFromVector(vector, decoded as unknown as DecodedMessage)).toThrow(ProtocolError);
        return;
      }
      const decoded = interpretFrame(decodeFrame(bytes), vector.edition);
      const frame = frameFromVector(vector, decoded);
      expect(toHex(encodeFrame(frame, { wakeUp: vector.frame.preamble }), ' ')).toBe(
        vector.hex.toUpperCase(),
      );
    });
  });
});

/** Our decoded message in the vectors' neutral shape. */
function inVectorShape(decoded: DecodedMessage): Record<string, unknown> {
  const { message } = decoded;
  const edition = message.edition;
  const body: Record<string, unknown> = {
    ...(message.direction === 'request' ? message.request : message.response),
  };
  if (typeof body.di === 'number') body.di = formatDi(edition, body.di);
  if (body.value instanceof Uint8Array) body.value = toHex(body.value);
  if (message.direction === 'request') {
    if (body.kind !== 'read-address' || body.address !== 'AAAAAAAAAAAA') delete body.address;
    if (body.kind === 'read-address') delete body.address;
    return body;
  }
  if (body.kind === 'read-address') return body;
  delete body.address;
  if (body.kind === 'ack') return { kind: 'ack' };
  if (body.kind === 'abnormal') return { kind: 'abnormal', errorWord: body.errorWord, reasons: body.reasons };
  if (decoded.item !== undefined) {
    const value = decoded.item.value;
    // The vectors give status words as their raw integer; their flags are checked in catalog.test.ts.
    const shaped: Record<string, unknown> = {
      kind: 'read-data',
      di: body.di,
      value: value !== null && typeof value === 'object' && 'flags' in value ? { raw: value.raw } : value,
    };
    if (body.kind === 'read-follow-up' && edition === '2007') shaped.seq = body.seq;
    return shaped;
  }
  return body;
}

/** Our frame built from the vector's meaning (and, for acks and errors, the function our decoder named). */
function frameFromVector(vector: GoldenVector, decoded: DecodedMessage): Frame {
  const message = vector.message;
  const edition: Edition = vector.edition;
  const address = vector.frame.address;
  const di = typeof message.di === 'string' ? Number.parseInt(message.di, 16) : undefined;
  if (vector.frame.direction === 'request') {
    const request = {
      ...message,
      address,
      ...(di === undefined ? {} : { di }),
      ...(typeof message.value === 'string' ? { value: fromHex(message.value) } : {}),
    };
    // The vector's shape is checked against ours by the decoding test above.
    return edition === '2007'
      ? requestFrame2007(request as unknown as Request2007)
      : requestFrame1997(request as unknown as Request1997);
  }
  const parsed = decoded.message.direction === 'response' ? decoded.message.response : undefined;
  let response: Record<string, unknown>;
  if (message.kind === 'read-data' && di !== undefined) {
    const data = encodeItem(edition, di, message.value as never);
    const followUp = vector.frame.followUp;
    response =
      message.seq === undefined
        ? { kind: parsed?.kind ?? 'read-data', address, di, data, followUp }
        : { kind: 'read-follow-up', address, di, data, seq: message.seq, followUp };
  } else {
    response = { ...parsed, ...message, address };
  }
  return edition === '2007'
    ? responseFrame2007(response as unknown as Response2007)
    : responseFrame1997(response as unknown as Response1997);
}

function timeOf(message: Record<string, unknown>): MeterDateTime | undefined {
  const time = message.time ?? message.validUntil;
  return typeof time === 'object' && time !== null ? (time as MeterDateTime) : undefined;
}
