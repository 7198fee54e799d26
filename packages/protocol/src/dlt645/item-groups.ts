// Named groups of DL/T 645-2007 data identifiers, for plans and for operators who ask for "energy" rather
// than for 00010000: what the head-end's default plans read and what "read now" offers.

export const ITEM_GROUPS = {
  /** Forward active total and tariffs 1-4, reverse active total (DL/T 645-2007 A.1). */
  energy: [0x00010000, 0x00010100, 0x00010200, 0x00010300, 0x00010400, 0x00020000],
  /** Phase A voltage and current, active power, power factor, frequency (A.3). */
  instantaneous: [0x02010100, 0x02020100, 0x02030000, 0x02060000, 0x02800002],
  /** Remaining energy and remaining money of prepaid meters (A.1, 00900100 and 00900200). */
  prepaid: [0x00900100, 0x00900200],
  /** Status words 1, 3 and 7, event counts: power down, meter and terminal cover open, relay trip and close. */
  status: [0x04000501, 0x04000503, 0x04000507, 0x03110000, 0x03300d00, 0x03300e00, 0x1d000001, 0x1e000001],
  /** Date with weekday and time (A.5, 04000101 and 04000102). */
  clock: [0x04000101, 0x04000102],
  /** The last daily freeze: its time, forward and reverse active energy (A.6, 05060001, 05060101, 05060201). */
  dailyFrozen: [0x05060001, 0x05060101, 0x05060201],
} as const satisfies Record<string, readonly number[]>;

export type ItemGroup = keyof typeof ITEM_GROUPS;
