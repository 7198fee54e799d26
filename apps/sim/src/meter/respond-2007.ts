// A DL/T 645-2007 meter's application layer (§7): a parsed request in, the response it sends out (or none:
// broadcasts are never answered, §7.6).
import {
  type Credentials,
  type ErrorReason,
  encodeItem,
  errorWordOf,
  isBroadcastAddress,
  parseLoadRecordDi,
  type Request2007,
  type Response2007,
  type SecurityErrorReason,
  securityErrorWordOf,
} from '@openami/protocol';
import { fromMeterDateTime } from '../time/local-time.ts';
import { loadRecordFrames } from './load-record-reads.ts';
import type { SimMeter } from './meter.ts';
import { readItem2007 } from './registers-2007.ts';
import { clearEventRecords, clearMeter, freezeNow, remoteControl } from './scenarios.ts';
import { acceptBroadcastTime } from './time-sync.ts';
import { writeItem2007 } from './writes-2007.ts';

/** 冻结命令 pattern for "freeze now" (§7.7). */
const FREEZE_NOW = '99999999';
const ALL_EVENTS = 0xffffffff;
const EVENT_BLOCKS = new Map<
  number,
  'powerDowns' | 'programming' | 'clockChanges' | 'coverOpens' | 'terminalCoverOpens'
>([
  [0x031100ff, 'powerDowns'],
  [0x033000ff, 'programming'],
  [0x033004ff, 'clockChanges'],
  [0x03300dff, 'coverOpens'],
  [0x03300eff, 'terminalCoverOpens'],
]);
/** Rates a simulated meter's port can switch to (§7.8). */
const SWITCHABLE_BAUD = [1200, 2400, 4800, 9600];

export function respond2007(
  meter: SimMeter,
  request: Request2007,
  frameAddress: string,
  simMs: number,
): Response2007 | undefined {
  meter.advanceTo(simMs);
  const address = meter.address;
  const abnormal = (reason: ErrorReason): Response2007 => ({
    kind: 'abnormal',
    address,
    function: request.kind,
    errorWord: errorWordOf('2007', [reason]),
    reasons: [reason],
  });
  const ack = (fn: Extract<Response2007, { kind: 'ack' }>['function']): Response2007 => ({
    kind: 'ack',
    address,
    function: fn,
  });
  const broadcast = isBroadcastAddress(frameAddress);
  switch (request.kind) {
    case 'broadcast-time-sync':
      acceptBroadcastTime(meter, fromMeterDateTime(request.time, meter.config.utcOffsetMinutes), simMs);
      return undefined;
    case 'read-data': {
      if (broadcast) return undefined;
      meter.followUp = undefined;
      const load = parseLoadRecordDi(request.di);
      if (load !== undefined) {
        const frames = loadRecordFrames(meter, {
          ...load,
          blockCount: request.blockCount,
          from: request.from,
        });
        if (frames === undefined) return abnormal('no-data');
        if (frames.length > 1) meter.followUp = { di: request.di, frames, sent: 1 };
        const data = frames[0] as Uint8Array;
        return { kind: 'read-data', address, di: request.di, data, followUp: frames.length > 1 };
      }
      const brokenClock = brokenClockData(meter, request.di);
      if (brokenClock !== undefined)
        return { kind: 'read-data', address, di: request.di, data: brokenClock, followUp: false };
      const value = request.blockCount === undefined ? readItem2007(meter, request.di, simMs) : undefined;
      if (value === undefined) return abnormal('no-data');
      try {
        return {
          kind: 'read-data',
          address,
          di: request.di,
          data: encodeItem('2007', request.di, value),
          followUp: false,
        };
      } catch {
        return abnormal('other');
      }
    }
    case 'read-follow-up': {
      if (broadcast) return undefined;
      // §7.2: the master asks for the frames after the first, SEQ 1, 2, … in turn.
      const pending = meter.followUp;
      if (pending === undefined || pending.di !== request.di || request.seq !== pending.sent)
        return abnormal('no-data');
      const data = pending.frames[pending.sent] as Uint8Array;
      pending.sent++;
      const more = pending.sent < pending.frames.length;
      if (!more) meter.followUp = undefined;
      return { kind: 'read-follow-up', address, di: request.di, data, seq: request.seq, followUp: more };
    }
    case 'read-address':
      return { kind: 'read-address', address };
    case 'write-address':
      // §7.5: only with the programming key pressed; otherwise the meter stays silent.
      if (simMs >= meter.programmingUntilMs) return undefined;
      meter.address = request.newAddress;
      return { kind: 'ack', address: request.newAddress, function: 'write-address' };
    case 'freeze':
      if (request.pattern !== FREEZE_NOW) return broadcast ? undefined : abnormal('other');
      freezeNow(meter, simMs);
      return broadcast ? undefined : ack('freeze');
    case 'change-baud-rate':
      if (broadcast) return undefined;
      if (!SWITCHABLE_BAUD.includes(request.baud)) return abnormal('baud-rate-unchangeable');
      // The reply still goes out at the old rate; the meter listens at the new one afterwards.
      meter.pendingBaud = request.baud;
      return { kind: 'change-baud-rate', address, baud: request.baud };
    case 'change-password': {
      if (broadcast) return undefined;
      if (!passwordMatches(meter, request.oldPasswordLevel, request.oldPassword))
        return abnormal('unauthorized');
      meter.passwords.set(request.newPasswordLevel, request.newPassword.toUpperCase());
      return {
        kind: 'change-password',
        address,
        newPasswordLevel: request.newPasswordLevel,
        newPassword: request.newPassword,
      };
    }
    default:
      break;
  }
  if (broadcast) return undefined;
  if (!authorized(meter, request)) return abnormal('unauthorized');
  switch (request.kind) {
    case 'write-data': {
      const reason = writeItem2007(meter, request.di, request.value, request.operatorCode, simMs);
      return reason === undefined ? ack('write-data') : abnormal(reason);
    }
    case 'clear-max-demand':
      meter.demand.forward.clear();
      meter.demand.reverse.clear();
      meter.records.demandClears++;
      return ack('clear-max-demand');
    case 'meter-clear':
      clearMeter(meter, simMs);
      return ack('meter-clear');
    case 'event-clear':
      // §7.12: FFFFFFFF clears every event record; an event's block identifier (DI0 = FFH) clears that one.
      if (request.di === ALL_EVENTS) clearEventRecords(meter);
      else {
        const log = EVENT_BLOCKS.get(request.di);
        if (log === undefined) return abnormal('other');
        meter.records[log].clear();
      }
      meter.records.eventClears.add({
        timeMs: meter.meterClock(simMs),
        operatorCode: request.operatorCode,
        dataIdentifier: request.di,
      });
      return ack('event-clear');
    case 'security':
      return security(meter, request, simMs);
    case 'remote-control': {
      const validUntil = fromMeterDateTime(request.validUntil, meter.config.utcOffsetMinutes);
      if (validUntil < meter.meterClock(simMs)) return abnormal('other');
      remoteControl(meter, simMs, request.command, request.operatorCode);
      return ack('remote-control');
    }
  }
}

/** 安全认证 (03H): identity authentication opens an ESAM session; 开户 and 充值 need it and valid MACs. */
function security(
  meter: SimMeter,
  request: Extract<Request2007, { kind: 'security' }>,
  simMs: number,
): Response2007 {
  const address = meter.address;
  const refused = (reason: SecurityErrorReason): Response2007 => ({
    kind: 'security-refused',
    address,
    errorWord: securityErrorWordOf([reason]),
    reasons: [reason],
  });
  const now = meter.meterClock(simMs);
  if (request.command === 'identity-auth') {
    const result = meter.esam.authenticate(address, request, now);
    if (typeof result === 'string') return refused(result);
    return { kind: 'security', address, command: 'identity-auth', ...result };
  }
  if (meter.moneyPrepaid === undefined) return refused('other');
  const order = {
    command: request.command,
    amountFen: request.amountFen,
    purchaseCount: request.purchaseCount,
    customerNumber: request.customerNumber,
  };
  const rejected = meter.esam.verify(order, request, now);
  if (rejected !== undefined) return refused(rejected);
  const outcome = meter.topUpMoney(simMs, order);
  if (!outcome.accepted) return refused(outcome.reason);
  return { kind: 'security', address, command: request.command };
}

function authorized(meter: SimMeter, credentials: Credentials | object): boolean {
  if (!('password' in credentials)) return true;
  const { passwordLevel, password } = credentials as Credentials;
  return passwordMatches(meter, passwordLevel, password);
}

export function passwordMatches(meter: SimMeter, level: number, password: string): boolean {
  const stored = meter.passwords.get(level);
  return stored !== undefined && stored.toUpperCase() === password.toUpperCase();
}

/** What a meter with a broken clock sends for its date or time, as set (undefined: the item reads as usual). */
function brokenClockData(meter: SimMeter, di: number): Uint8Array | undefined {
  if (di === 0x04000101) return meter.brokenClock?.date;
  if (di === 0x04000102) return meter.brokenClock?.time;
  return undefined;
}
