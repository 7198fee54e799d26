// `openami 645`: decode a DL/T 645 frame to readable JSON, or encode any request frame the protocol library
// builds (the verbs are in dlt645-verbs.ts).
import { parseArgs } from 'node:util';
import {
  type DecodedMessage,
  decodeMessage,
  type Edition,
  encodeFrame,
  formatDi,
  fromHex,
  isProtocolError,
  toHex,
} from '@openami/protocol';
import type { CommandIo } from '../io.ts';
import { CONTROL_COMMANDS } from './dlt645-command-verbs.ts';
import { InputError, parseWhole } from './dlt645-inputs.ts';
import { findVerb, VERBS } from './dlt645-verbs.ts';

const HELP_HEAD = `usage:
  openami 645 decode <hex> [--edition 2007|1997]
      Decodes one frame (wake-up bytes allowed) and prints it as JSON.
  openami 645 encode <verb> … [--edition 2007|1997] [--wake-up N]
      Prints a request frame in hex (four FE wake-up bytes unless --wake-up says otherwise).
  openami 645 help
      This text.

Addresses are up to 12 digits (shorter ones are padded with 0; A is a wildcard digit). Identifiers are
written as in the tables: 8 hex digits in 2007 (02010100), 4 in 1997 (B611). Passwords are the level and six
digits (--password 02:123456); the operator code (--operator, 8 hex digits) is recorded by the meter and is
00000000 unless given. Times are the meter's local time, "YYYY-MM-DD hh:mm:ss".`;

function help(): string {
  const verbs = VERBS.map((verb) => {
    const editions = verb.editions.length === 2 ? '' : ` (DL/T 645-${verb.editions[0]} only)`;
    return `  ${verb.usage}\n      ${verb.code}: ${verb.summary}${editions}\n      e.g. openami 645 encode ${verb.example}`;
  });
  const commands = Object.entries(CONTROL_COMMANDS).map(
    ([name, meaning]) => `  ${name.padEnd(14)} ${meaning}`,
  );
  return [HELP_HEAD, '', 'encode verbs:', ...verbs, '', 'control commands (1CH):', ...commands].join('\n');
}

const SHORT_USAGE =
  'usage: openami 645 decode <hex> | encode <verb> … | help (openami 645 help lists the verbs)';

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${SHORT_USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const edition = values.edition === '1997' ? '1997' : '2007';
  if (values.edition !== undefined && values.edition !== '1997' && values.edition !== '2007') {
    io.err(`--edition must be 2007 or 1997, not ${values.edition}`);
    return 2;
  }
  const [action, ...rest] = positionals;
  if (action === undefined || action === 'help' || values.help === true) {
    io.out(help());
    return 0;
  }
  try {
    if (action === 'decode' && rest.length > 0) {
      io.out(JSON.stringify(present(decodeMessage(fromHex(rest.join(' ')), edition)), null, 2));
      return 0;
    }
    if (action === 'encode') return encode(rest, edition, values, io);
    io.err(`unknown action ${JSON.stringify(action)}\n\n${SHORT_USAGE}`);
    return 2;
  } catch (error) {
    if (isProtocolError(error)) {
      io.err(`error (${error.code}): ${error.message}`);
      return 1;
    }
    if (error instanceof InputError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      edition: { type: 'string' },
      'wake-up': { type: 'string' },
      help: { type: 'boolean' },
      password: { type: 'string' },
      new: { type: 'string' },
      operator: { type: 'string' },
      'valid-until': { type: 'string' },
      'valid-for': { type: 'string' },
      raw: { type: 'string' },
      blocks: { type: 'string' },
      from: { type: 'string' },
      ciphertext: { type: 'string' },
      random: { type: 'string' },
      diversifier: { type: 'string' },
      amount: { type: 'string' },
      count: { type: 'string' },
      mac1: { type: 'string' },
      mac2: { type: 'string' },
      customer: { type: 'string' },
    },
  });
}

function encode(
  args: string[],
  edition: Edition,
  values: ReturnType<typeof parse>['values'],
  io: CommandIo,
): number {
  const [name, ...rest] = args;
  const verb = name === undefined ? undefined : findVerb(name);
  if (verb === undefined) {
    const names = VERBS.map((v) => v.name).join(', ');
    io.err(
      `${name === undefined ? 'encode needs a verb' : `unknown verb ${JSON.stringify(name)}`}: one of ${names}\n(openami 645 help shows each with an example)`,
    );
    return 2;
  }
  if (!verb.editions.includes(edition)) {
    throw new InputError(
      `${verb.name} (${verb.code}) is a DL/T 645-${verb.editions[0]} function, not in ${edition}`,
    );
  }
  const wakeUp =
    values['wake-up'] === undefined ? undefined : parseWhole(values['wake-up'], '--wake-up', 0, 16);
  const frame = verb.build({ edition, args: rest, options: values, nowMs: Date.now() });
  io.out(toHex(encodeFrame(frame, wakeUp === undefined ? { edition } : { edition, wakeUp }), ' '));
  return 0;
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
