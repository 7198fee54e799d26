// `openami 1376`: decode a Q/GDW 1376.1 frame to readable JSON (a DL/T 645 frame forwarded inside it too), or
// encode the frames a master station sends a concentrator (the verbs are in q1376-verbs.ts).
import { parseArgs } from 'node:util';
import { decodeMessage as decode645, fromHex, isProtocolError, q1376, toHex } from '@openami/protocol';
import type { CommandIo } from '../io.ts';
import { InputError } from './dlt645-inputs.ts';
import { findVerb, VERBS } from './q1376-verbs.ts';

const HELP_HEAD = `usage:
  openami 1376 decode <hex>
      Decodes one Q/GDW 1376.1 frame and prints it as JSON: the frame's fields and its data units, with
      energies in 0.1 Wh (…DeciWh), powers in 0.1 W, voltages in 0.1 V, currents in mA, power factors in ‰,
      null where the terminal sent EEH. A DL/T 645 frame forwarded by AFN 10 is decoded as well.
  openami 1376 encode <verb> <terminal> … [--master N] [--seq N] [--pw HEX] [--time-tag MINUTES]
      Prints the frame in hex. <terminal> is the area code and terminal address, e.g. 3201-00001. The
      master station address is 1 and the sequence number 0 unless given; PW is 16 zero bytes unless --pw.
  openami 1376 help
      This text.`;

const SHORT_USAGE =
  'usage: openami 1376 decode <hex> | encode <verb> … | help (openami 1376 help lists the verbs)';

function help(): string {
  const verbs = VERBS.map(
    (verb) =>
      `  ${verb.usage}\n      ${verb.code}: ${verb.summary}\n      e.g. openami 1376 encode ${verb.example}`,
  );
  return [HELP_HEAD, '', 'encode verbs:', ...verbs].join('\n');
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: 'boolean' },
      master: { type: 'string' },
      seq: { type: 'string' },
      pw: { type: 'string' },
      'time-tag': { type: 'string' },
      meter: { type: 'string', multiple: true },
      heartbeat: { type: 'string' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      apn: { type: 'string' },
      limit: { type: 'string' },
      delay: { type: 'string' },
      time: { type: 'string' },
      baud: { type: 'string' },
      parity: { type: 'string' },
      'timeout-s': { type: 'string' },
      'byte-timeout-ms': { type: 'string' },
    },
  });
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${SHORT_USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [action, ...rest] = positionals;
  if (action === undefined || action === 'help' || values.help === true) {
    io.out(help());
    return 0;
  }
  try {
    if (action === 'decode' && rest.length > 0) {
      io.out(JSON.stringify(present(q1376.decodeMessage(fromHex(rest.join(' ')))), null, 2));
      return 0;
    }
    if (action === 'encode') {
      const [name, ...verbArgs] = rest;
      const verb = name === undefined ? undefined : findVerb(name);
      if (verb === undefined) {
        io.err(
          `${name === undefined ? 'encode needs a verb' : `unknown verb ${JSON.stringify(name)}`}: one of ${VERBS.map((v) => v.name).join(', ')}\n(openami 1376 help shows each with an example)`,
        );
        return 2;
      }
      io.out(
        toHex(q1376.encodeMessage(verb.build({ args: verbArgs, options: values, nowMs: Date.now() })), ' '),
      );
      return 0;
    }
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

const AFN_NAMES: Readonly<Record<number, string>> = {
  0: '确认∕否认 confirm/deny',
  1: '复位 reset',
  2: '链路接口检测 link check',
  4: '设置参数 set parameters',
  5: '控制命令 control',
  10: '查询参数 query parameters',
  12: '请求1类数据 current data',
  13: '请求2类数据 frozen data',
  14: '请求3类数据 events',
  15: '文件传输 file transfer',
  16: '数据转发 forwarding',
};

/** A forwarded DL/T 645 frame, decoded when it is one. */
function forwarded(content: Uint8Array): unknown {
  if (content.length === 0) return undefined;
  try {
    const { frame, message, item } = decode645(content);
    return {
      address: frame.address,
      direction: frame.control.direction,
      [message.direction]: message.direction === 'request' ? message.request : message.response,
      ...(item === undefined ? {} : { item: { id: item.id, value: item.value } }),
    };
  } catch (error) {
    if (isProtocolError(error)) return { error: error.code };
    throw error;
  }
}

/** The decoded message as plain JSON: bytes as hex, a forwarded DL/T 645 frame decoded beside its bytes. */
function present(decoded: q1376.DecodedMessage): unknown {
  const { frame, units, padding } = decoded;
  return JSON.parse(
    JSON.stringify(
      {
        frame: {
          protocol: frame.protocol === q1376.PROTOCOL_1376_1 ? 'Q/GDW 1376.1' : 'Q/GDW 130-2005',
          length: frame.frameLength,
          control: { byte: toHex(Uint8Array.of(frame.controlByte)), ...frame.control },
          terminal: q1376.formatTerminal(frame.address),
          address: frame.address,
          afn: `${toHex(Uint8Array.of(frame.afn))}H ${AFN_NAMES[frame.afn] ?? ''}`.trim(),
          sequence: frame.sequence,
          ...(frame.password === undefined ? {} : { password: frame.password }),
          ...(frame.eventCounters === undefined ? {} : { eventCounters: frame.eventCounters }),
          ...(frame.timeTag === undefined ? {} : { timeTag: frame.timeTag }),
          ...(padding === 0 ? {} : { padding }),
        },
        units: units.map((unit) =>
          unit.kind === 'forward-request' || unit.kind === 'forward-reply'
            ? { ...unit, dlt645: forwarded(unit.content) }
            : unit,
        ),
      },
      (_key, value: unknown) => (value instanceof Uint8Array ? toHex(value, ' ') : value),
    ),
  );
}
