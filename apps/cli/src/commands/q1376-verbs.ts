// The verbs of `openami 1376 encode`: the frames a master station sends a concentrator (and, to poke a
// head-end by hand, the terminal's login and heartbeat). Each builds a q1376.Message; the command encodes it.
import { q1376 } from '@openami/protocol';
import { InputError, localNow, parseDateTime, parseWhole } from './dlt645-inputs.ts';

export type Options = Readonly<Record<string, string | boolean | string[] | undefined>>;

export interface Q1376Request {
  readonly args: readonly string[];
  readonly options: Options;
  readonly nowMs: number;
}

export interface Q1376Verb {
  readonly name: string;
  /** AFN and Fn, as the standard names them. */
  readonly code: string;
  readonly usage: string;
  readonly summary: string;
  readonly example: string;
  build(request: Q1376Request): q1376.Message;
}

const TERMINAL_EXAMPLE = '3201-00001';

/** `3201-00001` or `3201-1`: the area code (4 digits) and the terminal address (0–65535). */
export function parseTerminal(text: string | undefined): { area: string; terminal: number } {
  const match = /^([0-9A-Fa-f]{4})-(\d{1,5})$/.exec((text ?? '').trim());
  const terminal = match === null ? Number.NaN : Number(match[2]);
  if (match === null || terminal > 0xffff) {
    throw new InputError(
      `a terminal is its area code and address, e.g. ${TERMINAL_EXAMPLE} (area 3201, terminal 1); got ${JSON.stringify(text)}`,
    );
  }
  return { area: (match[1] as string).toUpperCase(), terminal };
}

function option(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

function arg(request: Q1376Request, index: number, what: string): string {
  const value = request.args[index];
  if (value === undefined) throw new InputError(`missing ${what}`);
  return value;
}

/** F129, f129 or 129, one of the allowed functions. */
function parseFn(text: string | undefined, allowed: readonly number[]): number {
  const fn = Number((text ?? '').replace(/^[Ff]/, ''));
  if (!allowed.includes(fn)) {
    throw new InputError(
      `the function is one of ${allowed.map((f) => `F${f}`).join(', ')}; got ${JSON.stringify(text)}`,
    );
  }
  return fn;
}

function points(request: Q1376Request, from: number): number[] {
  const list = request.args.slice(from).map((text) => parseWhole(text, '<point>', 1, 2040));
  if (list.length === 0) throw new InputError('name at least one measuring point (1–2040)');
  return list;
}

type UnitOf<K extends q1376.DataUnit['kind']> = Extract<q1376.DataUnit, { kind: K }>;

/** A downlink request from master station `--master` (1 unless given), PSEQ `--seq` (0 unless given). */
function down(
  request: Q1376Request,
  afn: number,
  units: readonly q1376.DataUnit[],
  confirm = false,
): q1376.Message {
  const terminal = parseTerminal(request.args[0]);
  // 设置参数 and 控制命令 go as 请求 1 级数据 (function 10), every other request as 请求 2 级数据 (11).
  const functionCode =
    afn === q1376.AFN.setParameters || afn === q1376.AFN.control
      ? q1376.PRIMARY_FUNCTION.requestClass1
      : q1376.PRIMARY_FUNCTION.requestClass2;
  return {
    control: { direction: 'down', primary: true, frameCountBit: false, frameCountValid: false, functionCode },
    address: {
      ...terminal,
      master: parseWhole(option(request.options, 'master') ?? '1', '--master', 0, 127),
      group: false,
    },
    afn,
    sequence: {
      first: true,
      final: true,
      confirm,
      number: parseWhole(option(request.options, 'seq') ?? '0', '--seq', 0, 15),
    },
    units,
    ...(q1376.carriesPassword('down', afn) ? { password: password(request.options) } : {}),
    ...timeTag(request),
  };
}

function password(options: Options): Uint8Array {
  const text = option(options, 'pw') ?? '';
  if (text === '') return new Uint8Array(16);
  if (!/^[0-9A-Fa-f]{32}$/.test(text))
    throw new InputError('--pw takes the 16-byte PW as 32 hex digits, as sent');
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(text.slice(i * 2, i * 2 + 2), 16));
}

/** --time-tag MINUTES: a Tp with the machine's time now and that allowed delay. */
function timeTag(request: Q1376Request): { timeTag?: q1376.TimeTag } {
  const delay = option(request.options, 'time-tag');
  if (delay === undefined) return {};
  const now = localNow(request.nowMs);
  return {
    timeTag: {
      frameCounter: parseWhole(option(request.options, 'seq') ?? '0', '--seq', 0, 15),
      sentAt: { day: now.day, hour: now.hour, minute: now.minute, second: now.second },
      allowedDelayMinutes: parseWhole(delay, '--time-tag', 0, 255),
    },
  };
}

function up(request: Q1376Request, unit: UnitOf<'login' | 'heartbeat'>): q1376.Message {
  const terminal = parseTerminal(request.args[0]);
  return {
    control: {
      direction: 'up',
      primary: true,
      frameCountBit: false,
      frameCountValid: false,
      functionCode: q1376.PRIMARY_FUNCTION.linkTest,
    },
    address: { ...terminal, master: 0, group: false },
    afn: q1376.AFN.linkCheck,
    sequence: {
      first: true,
      final: true,
      confirm: true,
      number: parseWhole(option(request.options, 'seq') ?? '0', '--seq', 0, 15),
    },
    units: [unit],
  };
}

function weekday(date: { year: number; month: number; day: number }): number {
  const sunday0 = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** `index=1,point=1,port=2,baud=2400,protocol=30,address=003411001043` and the optional rest. */
export function parseMeter(text: string): q1376.MeterEntry {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const [key, value] = part.split('=');
    if (key === undefined || value === undefined)
      throw new InputError(`--meter takes key=value pairs; got ${JSON.stringify(part)}`);
    fields.set(key.trim(), value.trim());
  }
  const need = (key: string): string => {
    const value = fields.get(key);
    if (value === undefined)
      throw new InputError(
        `--meter needs ${key}=…, e.g. --meter index=1,point=1,port=2,baud=2400,protocol=30,address=003411001043`,
      );
    return value;
  };
  const [integerDigits, decimalDigits] = (fields.get('digits') ?? '6.2').split('.').map(Number);
  const [userClass, userSubclass] = (fields.get('class') ?? '0.0').split('.').map(Number);
  const address = need('address').padStart(12, '0');
  const collector = (fields.get('collector') ?? '0').padStart(12, '0');
  if (!/^\d{12}$/.test(address) || !/^\d{12}$/.test(collector))
    throw new InputError('meter and collector addresses are up to 12 digits');
  return {
    index: parseWhole(need('index'), 'index', 1, 2040),
    point: parseWhole(need('point'), 'point', 0, 2040),
    port: parseWhole(need('port'), 'port', 1, 31),
    baud: parseWhole(fields.get('baud') ?? '0', 'baud', 0, 19200),
    protocol: parseWhole(fields.get('protocol') ?? '30', 'protocol', 0, 255),
    address,
    password: parseWhole(fields.get('password') ?? '0', 'password', 0, 999999),
    tariffCount: parseWhole(fields.get('tariffs') ?? '4', 'tariffs', 0, 63),
    integerDigits: parseWhole(String(integerDigits), 'digits (integer part)', 4, 7),
    decimalDigits: parseWhole(String(decimalDigits), 'digits (decimal part)', 1, 4),
    collectorAddress: collector,
    userClass: parseWhole(String(userClass), 'class', 0, 15),
    userSubclass: parseWhole(String(userSubclass), 'subclass', 0, 15),
  };
}

function endpoint(text: string, what: string): q1376.StationEndpoint {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  if (match === null)
    throw new InputError(`${what} is ip:port, e.g. 10.0.0.1:8888; got ${JSON.stringify(text)}`);
  return { ip: match[1] as string, port: parseWhole(match[2], `${what} port`, 0, 65535) };
}

const PARITIES = ['none', 'even', 'odd'] as const;

export const VERBS: readonly Q1376Verb[] = [
  {
    name: 'login',
    code: '02 F1 (up)',
    usage: 'login <terminal> [--seq N]',
    summary: "the terminal's login, to try a head-end by hand",
    example: `login ${TERMINAL_EXAMPLE}`,
    build: (request) => up(request, { kind: 'login', point: 0, fn: 1 }),
  },
  {
    name: 'heartbeat',
    code: '02 F3 (up)',
    usage: 'heartbeat <terminal> [--seq N]',
    summary: "the terminal's heartbeat",
    example: `heartbeat ${TERMINAL_EXAMPLE}`,
    build: (request) => up(request, { kind: 'heartbeat', point: 0, fn: 3 }),
  },
  {
    name: 'confirm',
    code: '00 F1',
    usage: 'confirm <terminal> --seq RSEQ',
    summary: "confirm a terminal's frame (its login, heartbeat or report)",
    example: `confirm ${TERMINAL_EXAMPLE} --seq 1`,
    build: (request) => {
      const message = down(request, q1376.AFN.confirm, [{ kind: 'confirm-all', point: 0, fn: 1 }]);
      return {
        ...message,
        control: { ...message.control, primary: false, functionCode: q1376.SECONDARY_FUNCTION.linkStatus },
      };
    },
  },
  {
    name: 'read',
    code: '0C F2/F25/F33/F129',
    usage: 'read <terminal> <F2|F25|F33|F129> [<point>…]',
    summary: 'current data: the clock (p0), instantaneous values, forward registers, forward active energy',
    example: `read ${TERMINAL_EXAMPLE} F129 1 2`,
    build: (request) => {
      const fn = parseFn(request.args[1], [2, 25, 33, 129]);
      const onPoints = fn === 2 ? [0] : points(request, 2);
      return down(
        request,
        q1376.AFN.class1Data,
        onPoints.map((point) => ({ kind: 'query', point, fn })),
      );
    },
  },
  {
    name: 'read-daily',
    code: '0D F1/F5/F161',
    usage: 'read-daily <terminal> <F1|F5|F161> <YYYY-MM-DD> <point>…',
    summary: "a day's freeze (Td_d) of the points",
    example: `read-daily ${TERMINAL_EXAMPLE} F161 2026-12-07 1`,
    build: (request) => {
      const fn = parseFn(request.args[1], [1, 5, 161]);
      const { year, month, day } = parseDateTime(arg(request, 2, 'the day'), '<day>');
      return down(
        request,
        q1376.AFN.class2Data,
        points(request, 3).map((point) => ({ kind: 'daily-query', point, fn, day: { year, month, day } })),
      );
    },
  },
  {
    name: 'read-monthly',
    code: '0D F21/F177',
    usage: 'read-monthly <terminal> <F21|F177> <YYYY-MM> <point>…',
    summary: "a month's freeze (Td_m) of the points",
    example: `read-monthly ${TERMINAL_EXAMPLE} F177 2026-11 1`,
    build: (request) => {
      const fn = parseFn(request.args[1], [21, 177]);
      const { year, month } = parseDateTime(`${arg(request, 2, 'the month')}-01`, '<month>');
      return down(
        request,
        q1376.AFN.class2Data,
        points(request, 3).map((point) => ({ kind: 'monthly-query', point, fn, month: { year, month } })),
      );
    },
  },
  {
    name: 'read-events',
    code: '0E F1/F2',
    usage: 'read-events <terminal> important|normal <from> <to>',
    summary: 'event records Pm up to (not including) Pn',
    example: `read-events ${TERMINAL_EXAMPLE} important 0 10`,
    build: (request) => {
      const which = arg(request, 1, 'important or normal');
      if (which !== 'important' && which !== 'normal')
        throw new InputError(`events are important or normal; got ${JSON.stringify(which)}`);
      return down(request, q1376.AFN.class3Data, [
        {
          kind: 'events-query',
          point: 0,
          fn: which === 'important' ? 1 : 2,
          from: parseWhole(request.args[2], '<from>', 0, 255),
          to: parseWhole(request.args[3], '<to>', 0, 255),
        },
      ]);
    },
  },
  {
    name: 'read-parameters',
    code: '0A F1/F3',
    usage: 'read-parameters <terminal> <F1|F3>',
    summary: 'the uplink parameters (F1) or the master station addresses (F3)',
    example: `read-parameters ${TERMINAL_EXAMPLE} F3`,
    build: (request) =>
      down(request, q1376.AFN.queryParameters, [
        { kind: 'query', point: 0, fn: parseFn(request.args[1], [1, 3]) },
      ]),
  },
  {
    name: 'read-meter-table',
    code: '0A F10',
    usage: 'read-meter-table <terminal> <index>…',
    summary: 'rows of the meter table, by index',
    example: `read-meter-table ${TERMINAL_EXAMPLE} 1 2 3`,
    build: (request) => {
      const indexes = request.args.slice(1).map((text) => parseWhole(text, '<index>', 1, 2040));
      if (indexes.length === 0) throw new InputError('name at least one row index (1–2040)');
      return down(request, q1376.AFN.queryParameters, [
        { kind: 'meter-table-query', point: 0, fn: 10, indexes },
      ]);
    },
  },
  {
    name: 'set-meter-table',
    code: '04 F10',
    usage:
      'set-meter-table <terminal> --meter index=…,point=…,port=…,address=…[,baud=…,protocol=30,tariffs=4,digits=6.2,collector=…,class=A.B,password=…] …',
    summary: 'write rows of the meter table (one --meter per row)',
    example: `set-meter-table ${TERMINAL_EXAMPLE} --meter index=1,point=1,port=2,baud=2400,address=003411001043`,
    build: (request) => {
      const rows = request.options.meter;
      const list = Array.isArray(rows) ? rows : typeof rows === 'string' ? [rows] : [];
      if (list.length === 0)
        throw new InputError('give each row with --meter index=…,point=…,port=…,address=…');
      return down(
        request,
        q1376.AFN.setParameters,
        [{ kind: 'meter-table', point: 0, fn: 10, meters: list.map(parseMeter) }],
        true,
      );
    },
  },
  {
    name: 'set-uplink',
    code: '04 F1',
    usage: 'set-uplink <terminal> --heartbeat MINUTES [--timeout S] [--retries N]',
    summary: 'the heartbeat period, response timeout and retries',
    example: `set-uplink ${TERMINAL_EXAMPLE} --heartbeat 15`,
    build: (request) =>
      down(
        request,
        q1376.AFN.setParameters,
        [
          {
            kind: 'uplink-parameters',
            point: 0,
            fn: 1,
            rtsDelay20Ms: 0,
            initiatorDelayMinutes: 0,
            responseTimeoutS: parseWhole(option(request.options, 'timeout') ?? '30', '--timeout', 0, 4095),
            retries: parseWhole(option(request.options, 'retries') ?? '3', '--retries', 0, 3),
            confirmClass1: true,
            confirmClass2: false,
            confirmClass3: false,
            heartbeatMinutes: parseWhole(option(request.options, 'heartbeat'), '--heartbeat', 1, 255),
          },
        ],
        true,
      ),
  },
  {
    name: 'set-master',
    code: '04 F3',
    usage: 'set-master <terminal> <ip:port> [<backup ip:port>] [--apn NAME]',
    summary: 'where the terminal dials in',
    example: `set-master ${TERMINAL_EXAMPLE} 10.0.0.1:8888 10.0.0.2:8888 --apn CMNET`,
    build: (request) => {
      const primary = endpoint(arg(request, 1, 'the master station ip:port'), '<ip:port>');
      const backup = request.args[2] === undefined ? primary : endpoint(request.args[2], '<backup ip:port>');
      return down(
        request,
        q1376.AFN.setParameters,
        [
          {
            kind: 'master-address',
            point: 0,
            fn: 3,
            primary,
            backup,
            apn: option(request.options, 'apn') ?? '',
          },
        ],
        true,
      );
    },
  },
  {
    name: 'trip',
    code: '05 F1',
    usage: 'trip <terminal> <round 1–8> [--limit HALF-HOURS] [--delay MINUTES]',
    summary: 'open the switch of a control round',
    example: `trip ${TERMINAL_EXAMPLE} 1 --delay 2`,
    build: (request) =>
      down(
        request,
        q1376.AFN.control,
        [
          {
            kind: 'trip',
            point: parseWhole(request.args[1], '<round>', 1, 8),
            fn: 1,
            limitHalfHours: parseWhole(option(request.options, 'limit') ?? '0', '--limit', 0, 15),
            alarmDelayMinutes: parseWhole(option(request.options, 'delay') ?? '0', '--delay', 0, 15),
          },
        ],
        true,
      ),
  },
  {
    name: 'allow-close',
    code: '05 F2',
    usage: 'allow-close <terminal> <round 1–8>',
    summary: 'allow the switch of a control round to close',
    example: `allow-close ${TERMINAL_EXAMPLE} 1`,
    build: (request) =>
      down(
        request,
        q1376.AFN.control,
        [{ kind: 'allow-close', point: parseWhole(request.args[1], '<round>', 1, 8), fn: 2 }],
        true,
      ),
  },
  {
    name: 'allow-report',
    code: '05 F29',
    usage: 'allow-report <terminal>',
    summary: 'allow the terminal to report events on its own',
    example: `allow-report ${TERMINAL_EXAMPLE}`,
    build: (request) =>
      down(request, q1376.AFN.control, [{ kind: 'allow-active-report', point: 0, fn: 29 }], true),
  },
  {
    name: 'time-sync',
    code: '05 F31',
    usage: 'time-sync <terminal> [--time "YYYY-MM-DD hh:mm:ss"]',
    summary: "set the terminal's clock (this machine's time unless --time)",
    example: `time-sync ${TERMINAL_EXAMPLE}`,
    build: (request) => {
      const text = option(request.options, 'time');
      const time = text === undefined ? localNow(request.nowMs) : parseDateTime(text, '--time');
      return down(
        request,
        q1376.AFN.control,
        [{ kind: 'time-sync', point: 0, fn: 31, time: { ...time, weekday: weekday(time) } }],
        true,
      );
    },
  },
  {
    name: 'pause-reading',
    code: '05 F49',
    usage: 'pause-reading <terminal> <port>',
    summary: 'stop reading the meters of one port',
    example: `pause-reading ${TERMINAL_EXAMPLE} 2`,
    build: (request) =>
      down(
        request,
        q1376.AFN.control,
        [{ kind: 'pause-reading', point: 0, fn: 49, port: parseWhole(request.args[1], '<port>', 1, 31) }],
        true,
      ),
  },
  {
    name: 'forward',
    code: '10 F1',
    usage:
      'forward <terminal> <port> <hex frame> [--baud 2400] [--parity even|odd|none] [--timeout-s 2] [--byte-timeout-ms 100]',
    summary: 'send a frame (a DL/T 645 one) to a meter port and return its answer',
    example: `forward ${TERMINAL_EXAMPLE} 2 "FE FE FE FE 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16"`,
    build: (request) => {
      const hex = request.args.slice(2).join(' ').replace(/\s+/g, '');
      if (hex === '' || !/^([0-9A-Fa-f]{2})+$/.test(hex))
        throw new InputError('give the frame to forward in hex, e.g. "68 43 10 … 16"');
      const parity = option(request.options, 'parity') ?? 'even';
      if (!(PARITIES as readonly string[]).includes(parity))
        throw new InputError(`--parity is none, even or odd; got ${JSON.stringify(parity)}`);
      const byteTimeoutMs = parseWhole(
        option(request.options, 'byte-timeout-ms') ?? '100',
        '--byte-timeout-ms',
        0,
        2550,
      );
      return down(request, q1376.AFN.forward, [
        {
          kind: 'forward-request',
          point: 0,
          fn: 1,
          port: parseWhole(request.args[1], '<port>', 1, 31),
          serial: {
            baud: parseWhole(option(request.options, 'baud') ?? '2400', '--baud', 300, 19200),
            stopBits: 1,
            parity: parity as (typeof PARITIES)[number],
            dataBits: 8,
          },
          frameTimeout: {
            count: parseWhole(option(request.options, 'timeout-s') ?? '2', '--timeout-s', 0, 127),
            unit: 's',
          },
          byteTimeout10Ms: Math.round(byteTimeoutMs / 10),
          content: Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)),
        },
      ]);
    },
  },
];

export function findVerb(name: string): Q1376Verb | undefined {
  return VERBS.find((verb) => verb.name === name);
}
