// A DL/T 645-1997 meter's functions: read (and re-read), write with password, broadcast time, address,
// rate and password changes, demand clear. Abnormal replies carry the 1997 error word.
import {
  decodeItem,
  type ErrorReason,
  encodeItem,
  errorWordOf,
  isBroadcastAddress,
  type MeterDateTime,
  type Request1997,
  type Response1997,
} from '@openami/protocol';
import { fromMeterDateTime, toMeterDateTime } from '../time/local-time.ts';
import type { SimMeter } from './meter.ts';
import { readItem1997 } from './registers-1997.ts';
import { passwordMatches } from './respond-2007.ts';
import { acceptBroadcastTime } from './time-sync.ts';

const SWITCHABLE_BAUD = [1200, 2400, 4800, 9600];
/** The 1997 programming record carries no operator; the meter notes the write with this code. */
const NO_OPERATOR = '00000000';

export function respond1997(
  meter: SimMeter,
  request: Request1997,
  frameAddress: string,
  simMs: number,
  lastResponse: Response1997 | undefined,
): Response1997 | undefined {
  meter.advanceTo(simMs);
  const address = meter.address;
  const abnormal = (reason: ErrorReason): Response1997 => ({
    kind: 'abnormal',
    address,
    function: request.kind,
    errorWord: errorWordOf('1997', [reason]),
    reasons: [reason],
  });
  if (request.kind === 'broadcast-time-sync') {
    acceptBroadcastTime(meter, fromMeterDateTime(request.time, meter.config.utcOffsetMinutes), simMs);
    return undefined;
  }
  if (isBroadcastAddress(frameAddress)) return undefined;
  switch (request.kind) {
    case 'read-data': {
      const value = readItem1997(meter, request.di, simMs);
      if (value === undefined) return abnormal('bad-identifier');
      try {
        return {
          kind: 'read-data',
          address,
          di: request.di,
          data: encodeItem('1997', request.di, value),
          followUp: false,
        };
      } catch {
        return abnormal('illegal-data');
      }
    }
    case 'read-follow-up':
      return abnormal('bad-identifier');
    case 're-read':
      return lastResponse ?? abnormal('illegal-data');
    case 'write-data': {
      if (!passwordMatches(meter, request.passwordLevel, request.password)) return abnormal('password');
      const reason = write(meter, request.di, request.value, simMs);
      return reason === undefined ? { kind: 'ack', address, function: 'write-data' } : abnormal(reason);
    }
    case 'write-address':
      if (simMs >= meter.programmingUntilMs) return undefined;
      meter.address = request.newAddress;
      return { kind: 'ack', address: request.newAddress, function: 'write-address' };
    case 'change-baud-rate':
      if (!SWITCHABLE_BAUD.includes(request.baud)) return abnormal('illegal-data');
      meter.pendingBaud = request.baud;
      return { kind: 'change-baud-rate', address, baud: request.baud };
    case 'change-password':
      if (!passwordMatches(meter, request.oldPasswordLevel, request.oldPassword)) return abnormal('password');
      meter.passwords.set(request.newPasswordLevel, request.newPassword.toUpperCase());
      return {
        kind: 'change-password',
        address,
        newPasswordLevel: request.newPasswordLevel,
        newPassword: request.newPassword,
      };
    case 'clear-max-demand':
      if (!passwordMatches(meter, request.passwordLevel, request.password)) return abnormal('password');
      meter.demand.forward.clear();
      meter.demand.reverse.clear();
      meter.records.demandClears++;
      return { kind: 'ack', address, function: 'clear-max-demand' };
  }
}

function write(meter: SimMeter, di: number, value: Uint8Array, simMs: number): ErrorReason | undefined {
  if (di !== 0xc010 && di !== 0xc011)
    return readItem1997(meter, di, simMs) === undefined ? 'bad-identifier' : 'illegal-data';
  let decoded: MeterDateTime;
  try {
    decoded = decodeItem('1997', di, value).value as MeterDateTime;
  } catch {
    return 'illegal-data';
  }
  const offset = meter.config.utcOffsetMinutes;
  const next = { ...toMeterDateTime(meter.meterClock(simMs), offset), ...decoded };
  meter.setClock(simMs, fromMeterDateTime(next, offset), NO_OPERATOR);
  meter.records.programming.add({
    timeMs: meter.meterClock(simMs),
    operatorCode: NO_OPERATOR,
    dataIdentifiers: [di],
  });
  return undefined;
}
