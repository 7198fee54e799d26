// What can happen to a meter in the field besides being read: covers opened, wiring reversed, a bypass, a
// power cut, a load change. Each advances the meter to the moment it happens, then changes it.
import type { RemoteCommand } from '@openami/protocol';
import type { SimMeter } from './meter.ts';
import type { CoverRecord } from './meter-records.ts';

export type CoverKind = 'meter' | 'terminal';

function coverLog(meter: SimMeter, cover: CoverKind) {
  return cover === 'meter' ? meter.records.coverOpens : meter.records.terminalCoverOpens;
}

export function isCoverOpen(meter: SimMeter, cover: CoverKind): boolean {
  const last = coverLog(meter, cover).last(1);
  return last !== undefined && last.endMs === undefined;
}

/** 开表盖 / 开端钮盒: the meter records the start with its energies, and the end when closed. */
export function setCoverOpen(meter: SimMeter, simMs: number, cover: CoverKind, open: boolean): void {
  meter.advanceTo(simMs);
  const log = coverLog(meter, cover);
  const clock = meter.meterClock(simMs);
  if (open && !isCoverOpen(meter, cover)) {
    const record: CoverRecord = {
      startMs: clock,
      startTotals: meter.totals(),
      endMs: undefined,
      endTotals: undefined,
    };
    log.add(record);
  } else if (!open && isCoverOpen(meter, cover)) {
    const record = log.last(1);
    if (record !== undefined) {
      record.endMs = clock;
      record.endTotals = meter.totals();
    }
  }
}

/** The meter wired backwards (or power fed back): it measures reverse power. */
export function setReversed(meter: SimMeter, simMs: number, reversed: boolean): void {
  meter.advanceTo(simMs);
  meter.reversed = reversed;
  meter.advanceTo(simMs);
}

/**
 * A bypass jumper across the meter's line terminals: `share` of the current no longer passes the meter, and
 * the household, now stealing, switches on `extraW` more. The neutral still carries the whole current.
 */
export function setBypass(meter: SimMeter, simMs: number, share: number, extraW: number): void {
  if (!(share >= 0 && share <= 1)) throw new Error(`bypass share must be 0..1, got ${share}`);
  meter.advanceTo(simMs);
  meter.bypassShare = share;
  meter.household.extraW = extraW;
  meter.advanceTo(simMs);
}

/** Supply lost at the meter: no energy, no answer; 掉电 recorded from the meter's clock. */
export function setPowerDown(meter: SimMeter, simMs: number, down: boolean): void {
  meter.advanceTo(simMs);
  if (down === meter.poweredDown) return;
  meter.poweredDown = down;
  const clock = meter.meterClock(simMs);
  if (down) meter.records.powerDowns.add({ startMs: clock, endMs: undefined });
  else {
    const record = meter.records.powerDowns.last(1);
    if (record !== undefined) record.endMs = clock;
  }
  meter.advanceTo(simMs);
}

/** A fixed load in W instead of the daily profile (undefined returns to the profile). */
export function setLoad(meter: SimMeter, simMs: number, watts: number | undefined): void {
  meter.advanceTo(simMs);
  meter.household.overrideW = watts;
  meter.advanceTo(simMs);
}

/** The programming key (编程键) pressed: address writes allowed for a while (status word 3 bit 3). */
export function pressProgramKey(meter: SimMeter, simMs: number, durationMs = 15 * 60_000): void {
  meter.advanceTo(simMs);
  meter.programmingUntilMs = simMs + durationMs;
}

/** 跳合闸、报警、保电 (control code 1CH). Returns false when the meter refuses. */
export function remoteControl(
  meter: SimMeter,
  simMs: number,
  command: RemoteCommand,
  operatorCode: string,
): boolean {
  meter.advanceTo(simMs);
  switch (command) {
    case 'trip':
      meter.setRelayReason('remote', true, simMs, operatorCode);
      return true;
    // 合闸允许 leaves closing to the customer's button; the simulated customer presses it at once.
    case 'close-permit':
    case 'close-direct':
      meter.setRelayReason('remote', false, simMs, operatorCode);
      return true;
    case 'alarm':
      meter.remoteAlarm = true;
      return true;
    case 'alarm-release':
      meter.remoteAlarm = false;
      return true;
    case 'protect-on':
      meter.setProtect(true, simMs, operatorCode);
      return true;
    case 'protect-off':
      meter.setProtect(false, simMs, operatorCode);
      return true;
  }
}

/** 瞬时冻结 (freeze command 99999999). */
export function freezeNow(meter: SimMeter, simMs: number): void {
  meter.advanceTo(simMs);
  meter.records.instantFreezes.add(meter.freezeRecord(meter.meterClock(simMs)));
}

/** 电表清零: energies, freezes and events cleared; the clear itself is counted. */
export function clearMeter(meter: SimMeter, simMs: number): void {
  meter.advanceTo(simMs);
  meter.registers.clear();
  meter.demand.forward.clear();
  meter.demand.reverse.clear();
  for (const log of [meter.records.dailyFreezes, meter.records.instantFreezes, meter.records.settlements])
    log.clear();
  meter.records.hourlyFreezes.clear();
  meter.loadRecords.clear();
  clearEventRecords(meter);
  meter.records.meterClears++;
}

export function clearEventRecords(meter: SimMeter): void {
  meter.records.clearEvents();
}
