// The verbs of `openami 645 encode`: one per function the protocol library builds (DL/T 645-2007 §7 and the
// 03H security commands, and their 1997 counterparts), so a technician can prepare any request frame.
import { normalizeAddress, requestFrame1997, requestFrame2007, WILDCARD_ADDRESS } from '@openami/protocol';
import { COMMAND_VERBS } from './dlt645-command-verbs.ts';
import { InputError, localNow, parseDateTime, parsePassword, parseWhole } from './dlt645-inputs.ts';
import { SECURITY_VERBS } from './dlt645-security-verbs.ts';
import { writeValueBytes } from './dlt645-value.ts';
import {
  ADDRESS_EXAMPLE,
  address,
  arg,
  byEdition,
  credentials,
  identifier,
  type Verb,
} from './dlt645-verb.ts';

export const VERBS: readonly Verb[] = [
  {
    name: 'read',
    code: '11H / 01H',
    usage: 'read <address> <identifier> [--blocks N [--from "YYYY-MM-DD hh:mm"]]',
    summary: 'read data; --blocks reads load records (负荷记录)',
    example: `read ${ADDRESS_EXAMPLE} 00010000`,
    editions: ['2007', '1997'],
    build: (request) => {
      const target = address(request);
      const di = identifier(request, 1);
      if (request.edition === '1997') return requestFrame1997({ kind: 'read-data', address: target, di });
      const { blocks, from } = request.options;
      if (blocks === undefined && from !== undefined) throw new InputError('--from needs --blocks');
      return requestFrame2007({
        kind: 'read-data',
        address: target,
        di,
        ...(blocks === undefined ? {} : { blockCount: parseWhole(blocks, '--blocks', 1, 99) }),
        ...(from === undefined ? {} : { from: parseDateTime(from, '--from') }),
      });
    },
  },
  {
    name: 'read-next',
    code: '12H / 02H',
    usage: 'read-next <address> <identifier> [<frame number>]',
    summary: 'read the follow-up frame of a long reply (2007: frame number 1, 2, …)',
    example: `read-next ${ADDRESS_EXAMPLE} 0001FF00 1`,
    editions: ['2007', '1997'],
    build: (request) => {
      const target = address(request);
      const di = identifier(request, 1);
      return byEdition(
        request,
        () =>
          requestFrame2007({
            kind: 'read-follow-up',
            address: target,
            di,
            seq: parseWhole(request.args[2] ?? '1', '<frame number>', 1, 255),
          }),
        () => requestFrame1997({ kind: 'read-follow-up', address: target, di }),
      );
    },
  },
  {
    name: 're-read',
    code: '03H (1997)',
    usage: 're-read <address> --edition 1997',
    summary: 'ask a 1997 meter to send its last reply again',
    example: `re-read ${ADDRESS_EXAMPLE} --edition 1997`,
    editions: ['1997'],
    build: (request) => requestFrame1997({ kind: 're-read', address: address(request) }),
  },
  {
    name: 'read-address',
    code: '13H',
    usage: 'read-address',
    summary: 'read the address of the one meter on the bus (sent to AAAAAAAAAAAA)',
    example: 'read-address',
    editions: ['2007'],
    build: () => requestFrame2007({ kind: 'read-address', address: WILDCARD_ADDRESS }),
  },
  {
    name: 'write',
    code: '14H / 04H',
    usage: 'write <address> <identifier> <value> --password LL:PPPPPP [--operator CCCCCCCC] | --raw HEX',
    summary: 'write a parameter; the value as the catalog reads it (20.00, 12:30:00, 2026-03-02, digits)',
    example: `write ${ADDRESS_EXAMPLE} 04001001 20.00 --password 02:123456 --operator 12345678`,
    editions: ['2007', '1997'],
    build: (request) => {
      const target = address(request);
      const di = identifier(request, 1);
      const value = writeValueBytes(request.edition, di, request.args[2], request.options.raw);
      return byEdition(
        request,
        () => requestFrame2007({ kind: 'write-data', address: target, di, value, ...credentials(request) }),
        () => {
          const { level, password } = parsePassword(request.options.password, '--password');
          return requestFrame1997({
            kind: 'write-data',
            address: target,
            di,
            value,
            passwordLevel: level,
            password,
          });
        },
      );
    },
  },
  {
    name: 'time-sync',
    code: '08H',
    usage: 'time-sync ["YYYY-MM-DD hh:mm:ss"]',
    summary: 'broadcast the time to every meter on the bus (this machine’s local time if none is given)',
    example: 'time-sync "2026-03-02 08:30:00"',
    editions: ['2007', '1997'],
    build: (request) => {
      const text = request.args[0];
      const time = text === undefined ? localNow(request.nowMs) : parseDateTime(text, 'the time');
      return byEdition(
        request,
        () => requestFrame2007({ kind: 'broadcast-time-sync', time }),
        () => requestFrame1997({ kind: 'broadcast-time-sync', time }),
      );
    },
  },
  {
    name: 'write-address',
    code: '15H / 0AH',
    usage: 'write-address <new address>',
    summary: 'give the one meter on the bus a new address (sent to AAAAAAAAAAAA)',
    example: 'write-address 202305150002',
    editions: ['2007', '1997'],
    build: (request) => {
      const newAddress = normalizeAddress(arg(request, 0, '<new address> (up to 12 digits)'));
      if (!/^\d{12}$/.test(newAddress)) throw new InputError('a new address is decimal digits, without A');
      return byEdition(
        request,
        () => requestFrame2007({ kind: 'write-address', address: WILDCARD_ADDRESS, newAddress }),
        () => requestFrame1997({ kind: 'write-address', address: WILDCARD_ADDRESS, newAddress }),
      );
    },
  },
  {
    name: 'freeze',
    code: '16H',
    usage: 'freeze <address> [now | <MMDDhhmm>]',
    summary:
      'freeze now (99999999), or set the freeze time: 99DDhhmm monthly, 9999hhmm daily, 999999mm hourly',
    example: 'freeze 999999999999 now',
    editions: ['2007'],
    build: (request) => {
      const text = request.args[1] ?? 'now';
      const pattern = text === 'now' ? '99999999' : text;
      if (!/^\d{8}$/.test(pattern)) {
        throw new InputError(
          `the freeze time is now or 8 digits MMDDhhmm (99 for "every"); got ${JSON.stringify(text)}`,
        );
      }
      return requestFrame2007({ kind: 'freeze', address: address(request), pattern });
    },
  },
  {
    name: 'baud',
    code: '17H / 0CH',
    usage: 'baud <address> <600|1200|2400|4800|9600|19200>',
    summary: 'change the meter’s baud rate',
    example: `baud ${ADDRESS_EXAMPLE} 9600`,
    editions: ['2007', '1997'],
    build: (request) => {
      const target = address(request);
      const baud = parseWhole(arg(request, 1, '<baud rate>'), '<baud rate>', 300, 19200);
      return byEdition(
        request,
        () => requestFrame2007({ kind: 'change-baud-rate', address: target, baud }),
        () => requestFrame1997({ kind: 'change-baud-rate', address: target, baud }),
      );
    },
  },
  {
    name: 'password',
    code: '18H / 0FH',
    usage: 'password <address> --password LL:PPPPPP --new LL:PPPPPP',
    summary: 'change the password of the new one’s level, proving the old one',
    example: `password ${ADDRESS_EXAMPLE} --password 02:123456 --new 02:654321`,
    editions: ['2007', '1997'],
    build: (request) => {
      const target = address(request);
      const old = parsePassword(request.options.password, '--password');
      const next = parsePassword(request.options.new, '--new');
      const change = {
        address: target,
        oldPasswordLevel: old.level,
        oldPassword: old.password,
        newPasswordLevel: next.level,
        newPassword: next.password,
      };
      return byEdition(
        request,
        () => requestFrame2007({ kind: 'change-password', level: next.level, ...change }),
        () => requestFrame1997({ kind: 'change-password', ...change }),
      );
    },
  },
  ...COMMAND_VERBS,
  ...SECURITY_VERBS,
];

export function findVerb(name: string): Verb | undefined {
  return VERBS.find((verb) => verb.name === name);
}
