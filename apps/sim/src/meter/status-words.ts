// 电表运行状态字 1-7 (DL/T 645-2007 Table A.5 and its notes) from the meter's state; bit positions as the
// protocol library's STATUS_WORD_* tables name them.
import type { SimMeter } from './meter.ts';
import { isCoverOpen } from './scenarios.ts';

const bit = (on: boolean, position: number) => (on ? 1 << position : 0);

/** Status words 1…7; words of phases a single-phase meter lacks are undefined (read as FFFFH). */
export function statusWords(meter: SimMeter, simMs: number): (number | undefined)[] {
  const e = meter.electrical;
  const phases = meter.config.phases;
  const word1 = bit(e.totalActiveW < 0, 4) | bit(e.totalReactiveVar < 0, 5);
  let word2 = 0;
  for (let p = 0; p < phases; p++) {
    word2 |= bit((e.activeW[p] as number) < 0, p) | bit((e.reactiveVar[p] as number) < 0, 4 + p);
  }
  const prepaid = meter.prepaid;
  const money = meter.moneyPrepaid;
  const alarm = meter.remoteAlarm || prepaid?.belowAlarm === true || money?.belowAlarm === true;
  const word3 =
    bit(simMs < meter.programmingUntilMs, 3) |
    bit(meter.relayOpen, 4) |
    bit(meter.hasRelayReason('remote'), 6) |
    bit(alarm, 7) |
    // Meter type (D8–D9): 1 = energy-type prepaid (电量型), 2 = money-type (电费型).
    ((prepaid !== undefined ? 1 : money !== undefined ? 2 : 0) << 8);
  const phaseWords = [0, 1, 2].map((p) =>
    p >= phases
      ? undefined
      : bit(meter.records.overCurrent[p]?.active === true, 4) |
        bit(meter.records.reversePower[p]?.active === true, 6),
  );
  const word7 = bit(isCoverOpen(meter, 'meter'), 9) | bit(isCoverOpen(meter, 'terminal'), 10);
  return [word1, word2, word3, ...phaseWords, word7];
}
