// 广播校时 (DL/T 645-2007 §7.6, 1997 likewise): a meter corrects its clock only when the broadcast time is
// within ±5 min of its own, and (as State Grid smart meters do) at most once a calendar day. A head-end
// that lets a clock drift further must set it with a password-protected write instead.
import { localDayNumber } from '../time/local-time.ts';
import type { SimMeter } from './meter.ts';

export const BROADCAST_SYNC_WINDOW_MS = 5 * 60_000;
/** The operator code a meter records for a broadcast correction. */
const BROADCAST_OPERATOR = '00000000';

/** Returns whether the meter took the time. */
export function acceptBroadcastTime(meter: SimMeter, broadcastMs: number, simMs: number): boolean {
  meter.advanceTo(simMs);
  const own = meter.meterClock(simMs);
  if (Math.abs(broadcastMs - own) > BROADCAST_SYNC_WINDOW_MS) return false;
  const day = localDayNumber(own, meter.config.utcOffsetMinutes);
  if (day === meter.lastBroadcastSyncDay) return false;
  meter.lastBroadcastSyncDay = day;
  meter.setClock(simMs, broadcastMs, BROADCAST_OPERATOR);
  return true;
}
