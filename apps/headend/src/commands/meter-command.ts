// Commands that change a meter: relay trip and close, parameter writes, and the top-up of a local
// fee-control meter (开户 / 充值 over 03H, after identity authentication). Each is sent at most once per
// attempt and, whatever the answer, confirmed by reading the meter back; before any retry the meter is read
// back first, so a command whose answer was lost is not applied twice. The outcome is `confirmed` or `failed`
// with the reason. Persisting and auditing the command before it is sent is the caller's (the store's) part.
import type {
  Credentials,
  DataValue,
  RemoteCommand,
  Request2007,
  SecurityErrorReason,
  StatusWord,
  TopUpOrder,
} from '@openami/protocol';
import { encodeItem, SECURITY_ERROR_TEXT } from '@openami/protocol';
import { ExchangeError } from '../link/exchange-error.ts';
import type { MeterClient } from '../link/meter-client.ts';
import { plainReason, type Reason } from '../reasons.ts';
import type { SecurityModule } from './security-module.ts';

export type MeterCommand =
  | { readonly kind: 'relay'; readonly action: 'trip' | 'close'; readonly validForMinutes?: number }
  | { readonly kind: 'write'; readonly di: number; readonly value: DataValue }
  | ({ readonly kind: 'top-up' } & TopUpOrder);

export interface CommandOutcome {
  readonly status: 'confirmed' | 'failed';
  readonly attempts: number;
  /** What went wrong, in words (English, for logs), when failed. */
  readonly reason?: string;
  /** What went wrong as a code and parameters, for people, when failed. */
  readonly why?: Reason;
}

/** The failed outcome: the English words and the code together. */
interface Failure {
  readonly text: string;
  readonly why: Reason;
}

function failed(attempts: number, failure: Failure): CommandOutcome {
  return { status: 'failed', attempts, reason: failure.text, why: failure.why };
}

function failureOf(error: ExchangeError): Failure {
  return { text: error.message, why: error.why };
}

const NOT_SENT: Failure = { text: 'not sent', why: plainReason('not-sent') };

export interface CommandContext {
  readonly client: MeterClient;
  readonly address: string;
  readonly credentials: Credentials;
  /** The meter's wall clock now (for the command's validity time), in the meter's own terms. */
  readonly meterNow: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
  };
  readonly attempts?: number;
  /**
   * The command may already have reached the meter (a process stopped after sending it): read back before
   * sending anything, and send nothing if it took effect.
   */
  readonly readBackFirst?: boolean;
  /** Makes the ciphertext and MACs of a top-up; without one a top-up fails before anything is sent. */
  readonly security?: SecurityModule;
}

/** Status word 3 (04000503), bit 4: the relay is open. */
const STATUS_WORD_3 = 0x04000503;

export async function executeCommand(
  context: CommandContext,
  command: MeterCommand,
): Promise<CommandOutcome> {
  if (command.kind === 'top-up') return executeTopUp(context, command);
  const maxAttempts = context.attempts ?? 3;
  let last = NOT_SENT;
  if (context.readBackFirst === true && (await isApplied(context, command).catch(() => false)))
    return { status: 'confirmed', attempts: 0 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1 && (await isApplied(context, command)))
      return { status: 'confirmed', attempts: attempt - 1 };
    try {
      await context.client.sendOnce(context.address, request(context, command));
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      last = failureOf(error);
      // The meter said no (wrong password, not allowed): retrying will not change its mind.
      if (error.reason === 'device-error' || error.reason === 'offline') return failed(attempt, last);
      continue;
    }
    if (await isApplied(context, command)) return { status: 'confirmed', attempts: attempt };
    last = {
      text: 'the meter acknowledged the command but reading it back shows it did not take effect',
      why: plainReason('not-applied'),
    };
  }
  if (await isApplied(context, command).catch(() => false))
    return { status: 'confirmed', attempts: maxAttempts };
  return failed(maxAttempts, last);
}

/**
 * A top-up: authenticate, then 开户 or 充值 with MACs made for this session. The purchase count makes it safe
 * to repeat: a meter that already took it answers 重复充值, and reading its purchase records back decides.
 */
async function executeTopUp(
  context: CommandContext,
  order: TopUpOrder & { kind: 'top-up' },
): Promise<CommandOutcome> {
  const security = context.security;
  if (security === undefined)
    return failed(0, {
      text: 'no security module is configured (OPENAMI_ESAM_KEY)',
      why: plainReason('no-security-module'),
    });
  const maxAttempts = context.attempts ?? 3;
  const address = context.address;
  const operatorCode = context.credentials.operatorCode;
  let last = NOT_SENT;
  if (context.readBackFirst === true && (await isTopUpApplied(context, order).catch(() => false)))
    return { status: 'confirmed', attempts: 0 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1 && (await isTopUpApplied(context, order).catch(() => false)))
      return { status: 'confirmed', attempts: attempt - 1 };
    let refused: readonly SecurityErrorReason[] | undefined;
    try {
      const auth = await security.authenticate(address);
      const opened = await context.client.sendOnce(address, {
        kind: 'security',
        address,
        operatorCode,
        command: 'identity-auth',
        ...auth,
      });
      if (opened.kind === 'security-refused')
        return failed(attempt, refusal(address, opened.reasons, 'identity'));
      if (opened.kind !== 'security' || opened.command !== 'identity-auth') {
        last = {
          text: `meter ${address} answered identity authentication with ${opened.kind}`,
          why: { code: 'unexpected-answer', params: { answer: opened.kind } },
        };
        continue;
      }
      const { command, amountFen, purchaseCount, customerNumber } = order;
      const topUp = { command, amountFen, purchaseCount, customerNumber };
      const macs = await security.topUpMacs(address, auth, opened.random, topUp);
      const answer = await context.client.sendOnce(address, {
        kind: 'security',
        address,
        operatorCode,
        ...topUp,
        ...macs,
      });
      if (answer.kind === 'security-refused') refused = answer.reasons;
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      last = failureOf(error);
      if (error.reason === 'device-error' || error.reason === 'offline') return failed(attempt, last);
      continue;
    }
    if (refused !== undefined) {
      // Taken before (its reply lost) or taken now: the purchase records say which top-up the meter holds.
      if (refused.includes('repeated-recharge') || refused.includes('purchase-count')) {
        if (await isTopUpApplied(context, order)) return { status: 'confirmed', attempts: attempt };
      }
      last = refusal(address, refused, 'top-up');
      // A session that lapsed between the two frames is worth another try; any other refusal is final.
      if (refused.length === 1 && refused[0] === 'authentication') continue;
      return failed(attempt, last);
    }
    if (await isTopUpApplied(context, order)) return { status: 'confirmed', attempts: attempt };
    last = {
      text: 'the meter acknowledged the top-up but its purchase records do not show it',
      why: plainReason('top-up-not-recorded'),
    };
  }
  if (await isTopUpApplied(context, order).catch(() => false))
    return { status: 'confirmed', attempts: maxAttempts };
  return failed(maxAttempts, last);
}

/** A 03H refusal: its SERR reasons, in English for the log and as codes for people. */
function refusal(
  address: string,
  reasons: readonly SecurityErrorReason[],
  step: 'identity' | 'top-up',
): Failure {
  const words = reasons.map((reason) => SECURITY_ERROR_TEXT[reason].en).join(', ');
  return {
    text: `meter ${address} refused the ${step}: ${words || 'no reason given'}`,
    why: { code: 'security-refused', params: { step, refusals: reasons } },
  };
}

/** 上n次购电后总购电次数 (0333 02 nn) and 上n次购电金额 (0333 03 nn), n = 1 newest; the meter keeps ten. */
const LAST_COUNT = 0x03330201;
const LAST_AMOUNT = 0x03330301;
const KEPT_PURCHASES = 10;
/** The count field holds four BCD digits. */
const COUNT_MODULUS = 10_000;

/**
 * Whether the meter holds this top-up: its newest purchase is this one or a later one; for a recent one,
 * the record with this count must carry this amount (so a different top-up under the same count is not
 * mistaken for it).
 */
async function isTopUpApplied(context: CommandContext, order: TopUpOrder): Promise<boolean> {
  const target = { address: context.address, edition: '2007' as const };
  const read = async (di: number) => (await context.client.read(target, di, 'operator')).item.value;
  let newest: unknown;
  try {
    newest = await read(LAST_COUNT);
  } catch (error) {
    // No purchase record at all: nothing was ever taken.
    if (error instanceof ExchangeError && error.reason === 'device-error') return false;
    throw error;
  }
  const ahead = (Number(newest) - (order.purchaseCount % COUNT_MODULUS) + COUNT_MODULUS) % COUNT_MODULUS;
  if (ahead >= COUNT_MODULUS / 2) return false;
  if (ahead >= KEPT_PURCHASES) return true;
  const amount = Number(await read(LAST_AMOUNT + ahead));
  return Math.round(amount * 100) === order.amountFen;
}

function request(context: CommandContext, command: MeterCommand): Request2007 {
  if (command.kind === 'top-up') throw new Error('a top-up is sent by executeTopUp');
  if (command.kind === 'write') {
    return {
      kind: 'write-data',
      address: context.address,
      di: command.di,
      value: encodeItem('2007', command.di, command.value),
      ...context.credentials,
    };
  }
  const remote: RemoteCommand = command.action === 'trip' ? 'trip' : 'close-permit';
  return {
    kind: 'remote-control',
    address: context.address,
    command: remote,
    validUntil: addMinutes(context.meterNow, command.validForMinutes ?? 10),
    ...context.credentials,
  };
}

async function isApplied(context: CommandContext, command: MeterCommand): Promise<boolean> {
  if (command.kind === 'top-up') return isTopUpApplied(context, command);
  const target = { address: context.address, edition: '2007' as const };
  if (command.kind === 'relay') {
    const word = (await context.client.read(target, STATUS_WORD_3, 'operator')).item.value as StatusWord;
    // After "close permitted" a meter may wait for the customer's button; the command state (bit 6) shows it.
    return command.action === 'trip' ? word.flags.relayOpen === true : word.flags.relayCommandOpen === false;
  }
  const current = (await context.client.read(target, command.di, 'operator')).item.value;
  return JSON.stringify(current) === JSON.stringify(command.value);
}

function addMinutes(time: CommandContext['meterNow'], minutes: number): CommandContext['meterNow'] {
  const shifted = new Date(
    Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute + minutes, time.second),
  );
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}
