// `openami 645`: decode a DL/T 645 frame to readable JSON, or encode a request frame.
import { parseArgs } from 'node:util';
import {
  type DecodedMessage,
  decodeMessage,
  type Edition,
  encodeFrame,
  formatDi,
  fromHex,
  isProtocolError,
  parseDi,
  requestFrame1997,
  requestFrame2007,
  toHex,
  WILDCARD_ADDRESS,
} from '@openami/protocol';
import type { CommandIo } from '../io.ts';

const USAGE = `usage:
  openami 645 decode <hex> [--edition 2007|1997]
      Decodes one frame (wake-up bytes allowed) and prints it as JSON.
  openami 645 encode read <address> <identifier> [--edition 2007|1997] [--wake-up N]
      Prints a read-data request, e.g. openami 645 encode read 003411001043 02010100
  openami 645 encode read-address [--wake-up N]
      Prints a read-address request to the wildcard address (one meter on the bus).`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const edition = values.edition === '1997' ? '1997' : '2007';
  if (values.edition !== undefined && values.edition !== '1997' && values.edition !== '2007') {
    io.err(`--edition must be 2007 or 1997, not ${values.edition}`);
    return 2;
  }
  try {
    const [action, ...rest] = positionals;
    if (action === 'decode' && rest.length > 0) {
      io.out(JSON.stringify(present(decodeMessage(fromHex(rest.join(' ')), edition)), null, 2));
      return 0;
    }
    if (action === 'encode') {
      const bytes = encode(rest, edition, values['wake-up']);
      if (bytes !== undefined) {
        io.out(toHex(bytes, ' '));
        return 0;
      }
    }
    io.err(USAGE);
    return action === undefined || action === 'help' ? 0 : 2;
  } catch (error) {
    if (isProtocolError(error)) {
      io.err(`error (${error.code}): ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { edition: { type: 'string' }, 'wake-up': { type: 'string' } },
  });
}

function encode(args: string[], edition: Edition, wakeUpText: string | undefined): Uint8Array | undefined {
  const wakeUp = wakeUpText === undefined ? undefined : Number(wakeUpText);
  const options = wakeUp === undefined ? { edition } : { edition, wakeUp };
  const [what, address, identifier] = args;
  if (what === 'read' && address !== undefined && identifier !== undefined) {
    const frame =
      edition === '2007'
        ? requestFrame2007({ kind: 'read-data', address, di: parseDi(identifier, 4) })
        : requestFrame1997({ kind: 'read-data', address, di: parseDi(identifier, 2) });
    return encodeFrame(frame, options);
  }
  if (what === 'read-address') {
    return encodeFrame(requestFrame2007({ kind: 'read-address', address: WILDCARD_ADDRESS }), options);
  }
  return undefined;
}

/** The decoded message as plain JSON: identifiers as written in the tables, bytes as hex. */
function present(decoded: DecodedMessage): unknown {
  const { frame, message, item } = decoded;
  const body = message.direction === 'request' ? message.request : message.response;
  return {
    edition: message.edition,
    frame: {
      preamble: frame.preamble,
      address: frame.address,
      control: toHex(Uint8Array.of(frame.controlByte)),
      ...frame.control,
      length: frame.data.length,
      data: toHex(frame.data, ' '),
    },
    [message.direction]: JSON.parse(
      JSON.stringify(body, (key, value: unknown) => {
        if (key === 'di' && typeof value === 'number') return formatDi(message.edition, value);
        if (value instanceof Uint8Array) return toHex(value, ' ');
        return value;
      }),
    ),
    ...(item === undefined
      ? {}
      : {
          item: {
            id: item.id,
            name:
              item.item === undefined
                ? { zh: '未知数据标识', en: 'unknown identifier' }
                : { zh: item.item.zh, en: item.item.en },
            ...(item.item?.unit === undefined ? {} : { unit: item.item.unit }),
            value: item.value,
          },
        }),
  };
}
