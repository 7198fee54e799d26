// The verbs of `openami 645 encode` that change a meter's state on the password and operator code: clearing
// demand, the meter or its events (19H–1BH), and relay, alarm and guarantee-power control (1CH).
import { parseDi, type RemoteCommand, requestFrame1997, requestFrame2007 } from '@openami/protocol';
import { InputError, localAfter, parseDateTime, parsePassword, parseWhole } from './dlt645-inputs.ts';
import {
  ADDRESS_EXAMPLE,
  address,
  arg,
  byEdition,
  credentials,
  type EncodeRequest,
  type Verb,
} from './dlt645-verb.ts';

/** 跳合闸、报警、保电 (1CH, N1), with the words a technician knows them by. */
export const CONTROL_COMMANDS: Readonly<Record<RemoteCommand, string>> = {
  trip: '跳闸 trip the relay',
  'close-permit': '合闸允许 allow the customer to close the relay',
  'close-direct': '直接合闸 close the relay now',
  alarm: '报警 raise the alarm',
  'alarm-release': '报警解除 release the alarm',
  'protect-on': '保电 guarantee power (no trip)',
  'protect-off': '保电解除 end the guarantee',
};

export const COMMAND_VERBS: readonly Verb[] = [
  {
    name: 'clear-demand',
    code: '19H / 10H',
    usage: 'clear-demand <address> --password LL:PPPPPP [--operator CCCCCCCC]',
    summary: 'clear the maximum demand (最大需量清零)',
    example: `clear-demand ${ADDRESS_EXAMPLE} --password 02:123456 --operator 12345678`,
    editions: ['2007', '1997'],
    build: (request) => {
      const target = address(request);
      return byEdition(
        request,
        () => requestFrame2007({ kind: 'clear-max-demand', address: target, ...credentials(request) }),
        () => {
          const { level, password } = parsePassword(request.options.password, '--password');
          return requestFrame1997({
            kind: 'clear-max-demand',
            address: target,
            passwordLevel: level,
            password,
          });
        },
      );
    },
  },
  {
    name: 'clear-meter',
    code: '1AH',
    usage: 'clear-meter <address> --password LL:PPPPPP [--operator CCCCCCCC]',
    summary: 'clear the meter: energy, demand, events (电表清零)',
    example: `clear-meter ${ADDRESS_EXAMPLE} --password 02:123456 --operator 12345678`,
    editions: ['2007'],
    build: (request) =>
      requestFrame2007({ kind: 'meter-clear', address: address(request), ...credentials(request) }),
  },
  {
    name: 'clear-events',
    code: '1BH',
    usage: 'clear-events <address> [all | <event identifier>] --password LL:PPPPPP [--operator CCCCCCCC]',
    summary: 'clear every event record (all: FFFFFFFF) or one kind (事件清零)',
    example: `clear-events ${ADDRESS_EXAMPLE} all --password 02:123456 --operator 12345678`,
    editions: ['2007'],
    build: (request) => {
      const text = request.args[1] ?? 'all';
      const di = text === 'all' ? 0xffffffff : parseDi(text, 4);
      return requestFrame2007({
        kind: 'event-clear',
        address: address(request),
        di,
        ...credentials(request),
      });
    },
  },
  {
    name: 'control',
    code: '1CH',
    usage: `control <address> <${Object.keys(CONTROL_COMMANDS).join('|')}> --password LL:PPPPPP [--operator CCCCCCCC] --valid-until "YYYY-MM-DD hh:mm:ss" | --valid-for MINUTES`,
    summary: 'relay, alarm and guarantee-power commands (跳合闸、报警、保电); void after the validity time',
    example: `control ${ADDRESS_EXAMPLE} trip --password 02:123456 --operator 12345678 --valid-for 10`,
    editions: ['2007'],
    build: (request) => {
      const target = address(request);
      const name = arg(request, 1, `<command> (${Object.keys(CONTROL_COMMANDS).join(', ')})`);
      if (!Object.hasOwn(CONTROL_COMMANDS, name)) {
        throw new InputError(
          `unknown control command ${JSON.stringify(name)}: one of ${Object.keys(CONTROL_COMMANDS).join(', ')}`,
        );
      }
      return requestFrame2007({
        kind: 'remote-control',
        address: target,
        command: name as RemoteCommand,
        validUntil: validUntil(request),
        ...credentials(request),
      });
    },
  },
];

function validUntil(request: EncodeRequest) {
  const { 'valid-until': until, 'valid-for': minutes } = request.options;
  if ((until === undefined) === (minutes === undefined)) {
    throw new InputError(
      'a control command needs its validity: --valid-until "YYYY-MM-DD hh:mm:ss" (meter time) or --valid-for MINUTES from now',
    );
  }
  if (until !== undefined) return parseDateTime(until, '--valid-until');
  return localAfter(request.nowMs, parseWhole(minutes, '--valid-for', 1, 7 * 24 * 60));
}
