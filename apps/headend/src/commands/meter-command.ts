// Commands that change a meter: relay trip and close, parameter writes. Each is sent at most once per
// attempt and, whatever the answer, confirmed by reading the meter back; before any retry the meter is read
// back first, so a command whose answer was lost is not applied twice. The outcome is `confirmed` or `failed`
// with the reason. Persisting and auditing the command before it is sent is the caller's (the store's) part.
import type { Credentials, DataValue, RemoteCommand, Request2007, StatusWord } from '@openami/protocol';
import { encodeItem } from '@openami/protocol';
import { ExchangeError } from '../link/exchange-error.ts';
import type { MeterClient } from '../link/meter-client.ts';

export type MeterCommand =
  | { readonly kind: 'relay'; readonly action: 'trip' | 'close'; readonly validForMinutes?: number }
  | { readonly kind: 'write'; readonly di: number; readonly value: DataValue };

export interface CommandOutcome {
  readonly status: 'confirmed' | 'failed';
  readonly attempts: number;
  /** What went wrong, in words, when failed. */
  readonly reason?: string;
}

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
}

/** Status word 3 (04000503), bit 4: the relay is open. */
const STATUS_WORD_3 = 0x04000503;

export async function executeCommand(
  context: CommandContext,
  command: MeterCommand,
): Promise<CommandOutcome> {
  const maxAttempts = context.attempts ?? 3;
  let lastReason = 'not sent';
  if (context.readBackFirst === true && (await isApplied(context, command).catch(() => false)))
    return { status: 'confirmed', attempts: 0 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1 && (await isApplied(context, command)))
      return { status: 'confirmed', attempts: attempt - 1 };
    try {
      await context.client.sendOnce(context.address, request(context, command));
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      lastReason = error.message;
      // The meter said no (wrong password, not allowed): retrying will not change its mind.
      if (error.reason === 'device-error' || error.reason === 'offline')
        return { status: 'failed', attempts: attempt, reason: lastReason };
      continue;
    }
    if (await isApplied(context, command)) return { status: 'confirmed', attempts: attempt };
    lastReason = 'the meter acknowledged the command but reading it back shows it did not take effect';
  }
  if (await isApplied(context, command).catch(() => false))
    return { status: 'confirmed', attempts: maxAttempts };
  return { status: 'failed', attempts: maxAttempts, reason: lastReason };
}

function request(context: CommandContext, command: MeterCommand): Request2007 {
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
