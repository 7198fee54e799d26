// The application layer: a frame's data units as typed values, and back. Which function a unit is depends on
// the AFN, the Fn and the direction (a 0C F129 request is a bare query, its answer the readings), so the
// codec table is keyed on all three. Data units follow one another (§5.1.1): for each DA DT, the points it
// names in ascending order, and for each point its Fns in ascending order, each with its data.
import { ProtocolError } from '../errors.ts';
import { byteHex } from '../hex.ts';
import { AFN } from './constants.ts';
import type { Direction } from './control.ts';
import { ByteReader, ByteWriter } from './cursor.ts';
import { decodeDa, decodeDt, encodeDa, encodeDt } from './data-id.ts';
import { type DecodedFrame, decodeFrame, encodeFrame, type Frame } from './frame.ts';
import {
  allowActiveReportCodec,
  allowCloseCodec,
  type ControlUnit,
  pauseReadingCodec,
  timeSyncCodec,
  tripCodec,
} from './functions-control.ts';
import {
  currentForwardActiveCodec,
  currentForwardRegistersCodec,
  type DataUnitValue,
  dailyForwardActiveCodec,
  dailyForwardActiveConsumptionCodec,
  dailyForwardRegistersCodec,
  dailyQueryCodec,
  instantValuesCodec,
  monthlyForwardActiveCodec,
  monthlyForwardActiveConsumptionCodec,
  monthlyQueryCodec,
  terminalClockCodec,
} from './functions-data.ts';
import { type EventUnit, eventsCodec, eventsQueryCodec } from './functions-events.ts';
import { type ForwardUnit, forwardReplyCodec, forwardRequestCodec } from './functions-forward.ts';
import {
  confirmAllCodec,
  denyAllCodec,
  heartbeatCodec,
  itemResultsCodec,
  type LinkUnit,
  loginCodec,
  logoutCodec,
} from './functions-link.ts';
import {
  masterAddressCodec,
  meterTableCodec,
  meterTableQueryCodec,
  type ParameterUnit,
  uplinkParametersCodec,
} from './functions-parameters.ts';
import { type Query, queryCodec, type UnitCodec, type UnitHeader, type UnknownUnit } from './unit.ts';

/** Every data unit this codec reads and writes. */
export type DataUnit =
  | LinkUnit
  | ParameterUnit
  | ControlUnit
  | DataUnitValue
  | EventUnit
  | ForwardUnit
  | Query
  | UnknownUnit;

type AnyCodec = UnitCodec<UnitHeader & { readonly kind: string }>;

const codecs = new Map<number, AnyCodec>();

function key(direction: Direction, afn: number, fn: number): number {
  return (direction === 'up' ? 0x10000 : 0) | (afn << 8) | fn;
}

function register(
  directions: readonly Direction[],
  afn: number,
  fns: readonly number[],
  codec: unknown,
): void {
  for (const direction of directions)
    for (const fn of fns) codecs.set(key(direction, afn, fn), codec as AnyCodec);
}

const BOTH: readonly Direction[] = ['down', 'up'];
const DOWN: readonly Direction[] = ['down'];
const UP: readonly Direction[] = ['up'];

// AFN 00: either side confirms the other's frame.
register(BOTH, AFN.confirm, [1], confirmAllCodec);
register(BOTH, AFN.confirm, [2], denyAllCodec);
register(BOTH, AFN.confirm, [3], itemResultsCodec);
// AFN 02: the terminal logs in, out and beats; the master answers with AFN 00.
register(BOTH, AFN.linkCheck, [1], loginCodec);
register(BOTH, AFN.linkCheck, [2], logoutCodec);
register(BOTH, AFN.linkCheck, [3], heartbeatCodec);
// AFN 04 sets, AFN 0A answers a query with the same layout.
register(DOWN, AFN.setParameters, [1], uplinkParametersCodec);
register(DOWN, AFN.setParameters, [3], masterAddressCodec);
register(DOWN, AFN.setParameters, [10], meterTableCodec);
register(UP, AFN.queryParameters, [1], uplinkParametersCodec);
register(UP, AFN.queryParameters, [3], masterAddressCodec);
register(UP, AFN.queryParameters, [10], meterTableCodec);
register(DOWN, AFN.queryParameters, [1, 3], queryCodec);
register(DOWN, AFN.queryParameters, [10], meterTableQueryCodec);
// AFN 05.
register(DOWN, AFN.control, [1], tripCodec);
register(DOWN, AFN.control, [2], allowCloseCodec);
register(DOWN, AFN.control, [29], allowActiveReportCodec);
register(DOWN, AFN.control, [31], timeSyncCodec);
register(DOWN, AFN.control, [49], pauseReadingCodec);
// AFN 0C: bare queries down, values up.
register(DOWN, AFN.class1Data, [2, 25, 33, 129], queryCodec);
register(UP, AFN.class1Data, [2], terminalClockCodec);
register(UP, AFN.class1Data, [25], instantValuesCodec);
register(UP, AFN.class1Data, [33], currentForwardRegistersCodec);
register(UP, AFN.class1Data, [129], currentForwardActiveCodec);
// AFN 0D: the date down, the date and the values up.
register(DOWN, AFN.class2Data, [1, 5, 161], dailyQueryCodec);
register(DOWN, AFN.class2Data, [21, 177], monthlyQueryCodec);
register(UP, AFN.class2Data, [1], dailyForwardRegistersCodec);
register(UP, AFN.class2Data, [5], dailyForwardActiveConsumptionCodec);
register(UP, AFN.class2Data, [21], monthlyForwardActiveConsumptionCodec);
register(UP, AFN.class2Data, [161], dailyForwardActiveCodec);
register(UP, AFN.class2Data, [177], monthlyForwardActiveCodec);
// AFN 0E.
register(DOWN, AFN.class3Data, [1, 2], eventsQueryCodec);
register(UP, AFN.class3Data, [1, 2], eventsCodec);
// AFN 10.
register(DOWN, AFN.forward, [1], forwardRequestCodec);
register(UP, AFN.forward, [1], forwardReplyCodec);

/** Whether this codec knows the function (so that its data's length is known). */
export function knowsFunction(direction: Direction, afn: number, fn: number): boolean {
  return codecs.has(key(direction, afn, fn));
}

/** DT 03 00 in an AFN 00 frame: the per-item answer as some terminals send it (F1 and F2 bits set). */
const NONSTANDARD_ITEM_DT1 = 0x03;

export interface DecodedUnits {
  readonly units: DataUnit[];
  /** Zero bytes after the last unit (some terminals pad their confirms); 0 for most frames. */
  readonly padding: number;
}

/** Reads a frame's data units. A function we do not know ends the reading: its unit keeps the rest as bytes. */
export function decodeUnits(
  frame: Pick<Frame, 'afn' | 'units'> & { readonly control: { readonly direction: Direction } },
): DecodedUnits {
  const bytes = frame.units;
  const reader = new ByteReader(bytes, 0, bytes.length);
  const direction = frame.control.direction;
  const units: DataUnit[] = [];
  while (reader.remaining > 0) {
    if (isZeroFrom(bytes, reader.offset)) return { units, padding: reader.remaining };
    const at = reader.take(4, 'DA and DT');
    const da1 = bytes[at] as number;
    const da2 = bytes[at + 1] as number;
    const dt1 = bytes[at + 2] as number;
    const dt2 = bytes[at + 3] as number;
    const points = decodeDa(da1, da2);
    const fns =
      frame.afn === AFN.confirm && dt1 === NONSTANDARD_ITEM_DT1 && dt2 === 0 ? [3] : decodeDt(dt1, dt2);
    for (const point of points) {
      for (const fn of fns) {
        const codec = codecs.get(key(direction, frame.afn, fn));
        if (codec === undefined) {
          units.push({ kind: 'unknown', point, fn, raw: reader.slice(reader.remaining, 'the unknown unit') });
          return { units, padding: 0 };
        }
        units.push(codec.decode(reader, point, fn) as DataUnit);
      }
    }
  }
  return { units, padding: 0 };
}

function isZeroFrom(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Writes data units, each with its own DA DT. */
export function encodeUnits(afn: number, direction: Direction, units: readonly DataUnit[]): Uint8Array {
  const writer = new ByteWriter();
  for (const unit of units) {
    const [da1, da2] = encodeDa(unit.point);
    const [dt1, dt2] = encodeDt(unit.fn);
    const at = writer.claim(4);
    writer.target[at] = da1;
    writer.target[at + 1] = da2;
    writer.target[at + 2] = dt1;
    writer.target[at + 3] = dt2;
    if (unit.kind === 'unknown') {
      writer.bytes(unit.raw);
      continue;
    }
    const codec = codecs.get(key(direction, afn, unit.fn));
    if (codec === undefined || codec.kind !== unit.kind) {
      throw new ProtocolError(
        'bad-function',
        `a ${direction}link AFN ${byteHex(afn)}H F${unit.fn} unit is ${codec === undefined ? 'not a function we know' : `a ${codec.kind}`}, not a ${unit.kind}`,
      );
    }
    codec.encode(writer, unit);
  }
  return writer.result();
}

/** A whole frame with its data units as values. */
export interface Message extends Omit<Frame, 'units'> {
  readonly units: readonly DataUnit[];
}

export interface DecodedMessage {
  readonly frame: DecodedFrame;
  readonly units: DataUnit[];
  readonly padding: number;
}

export function interpretFrame(frame: DecodedFrame): DecodedMessage {
  const { units, padding } = decodeUnits(frame);
  return { frame, units, padding };
}

/** Decodes one frame and its data units. */
export function decodeMessage(bytes: Uint8Array): DecodedMessage {
  return interpretFrame(decodeFrame(bytes));
}

export function encodeMessage(message: Message): Uint8Array {
  return encodeFrame({
    ...message,
    units: encodeUnits(message.afn, message.control.direction, message.units),
  });
}
