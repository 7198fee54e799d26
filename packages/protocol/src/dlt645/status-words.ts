// 电表运行状态字 1–7 (DL/T 645-2007 Annex A, Table A.5 "电表运行状态字" and its notes).
import type { BitField } from './formats.ts';

const flag = (bit: number, name: string, zh: string, en: string): BitField => ({ bit, name, zh, en });

export const STATUS_WORD_1: readonly BitField[] = [
  flag(1, 'demandBlockMode', '需量积算方式（0滑差，1区间）', 'demand integration by block (else sliding)'),
  flag(2, 'clockBatteryLow', '时钟电池欠压', 'clock battery low'),
  flag(3, 'readingBatteryLow', '停电抄表电池欠压', 'meter-reading battery low'),
  flag(4, 'activePowerReverse', '有功功率方向反向', 'active power reverse'),
  flag(5, 'reactivePowerReverse', '无功功率方向反向', 'reactive power reverse'),
];

export const STATUS_WORD_2: readonly BitField[] = [
  flag(0, 'phaseAActiveReverse', 'A相有功功率方向反向', 'phase A active power reverse'),
  flag(1, 'phaseBActiveReverse', 'B相有功功率方向反向', 'phase B active power reverse'),
  flag(2, 'phaseCActiveReverse', 'C相有功功率方向反向', 'phase C active power reverse'),
  flag(4, 'phaseAReactiveReverse', 'A相无功功率方向反向', 'phase A reactive power reverse'),
  flag(5, 'phaseBReactiveReverse', 'B相无功功率方向反向', 'phase B reactive power reverse'),
  flag(6, 'phaseCReactiveReverse', 'C相无功功率方向反向', 'phase C reactive power reverse'),
];

export const STATUS_WORD_3: readonly BitField[] = [
  flag(0, 'secondDailyTable', '当前运行第二套时段', 'running the second daily period table'),
  {
    bit: 1,
    width: 2,
    name: 'supply',
    zh: '供电方式（0主电源，1辅助电源，2电池）',
    en: 'supply (0 mains, 1 auxiliary, 2 battery)',
  },
  flag(3, 'programmingAllowed', '编程允许', 'programming allowed'),
  flag(4, 'relayOpen', '继电器状态（断）', 'relay open (load disconnected)'),
  flag(5, 'secondTimeZoneTable', '当前运行第二套时区', 'running the second time-zone table'),
  flag(6, 'relayCommandOpen', '继电器命令状态（断）', 'relay commanded open'),
  flag(7, 'preTripAlarm', '预跳闸报警', 'pre-trip alarm'),
  {
    bit: 8,
    width: 2,
    name: 'meterType',
    zh: '电能表类型（0非预付费，1电量型，2电费型）',
    en: 'meter type (0 not prepaid, 1 energy prepaid, 2 money prepaid)',
  },
  flag(10, 'secondTariffPrices', '当前运行第二套费率电价', 'running the second tariff price set'),
  flag(11, 'secondStepPrices', '当前运行第二套阶梯', 'running the second step price set'),
];

/** Status words 4, 5, 6: phase A, B, C faults. */
export const PHASE_FAULT_WORD: readonly BitField[] = [
  flag(0, 'voltageLoss', '失压', 'voltage loss'),
  flag(1, 'undervoltage', '欠压', 'undervoltage'),
  flag(2, 'overvoltage', '过压', 'overvoltage'),
  flag(3, 'currentLoss', '失流', 'current loss'),
  flag(4, 'overcurrent', '过流', 'overcurrent'),
  flag(5, 'overload', '过载', 'overload'),
  flag(6, 'powerReverse', '潮流反向', 'reverse power flow'),
  flag(7, 'phaseBreak', '断相', 'phase break'),
  flag(8, 'currentBreak', '断流', 'current break'),
];

export const STATUS_WORD_7: readonly BitField[] = [
  flag(0, 'voltageReverseSequence', '电压逆相序', 'voltage reverse phase sequence'),
  flag(1, 'currentReverseSequence', '电流逆相序', 'current reverse phase sequence'),
  flag(2, 'voltageUnbalance', '电压不平衡', 'voltage unbalance'),
  flag(3, 'currentUnbalance', '电流不平衡', 'current unbalance'),
  flag(4, 'auxiliarySupplyLoss', '辅助电源失电', 'auxiliary supply lost'),
  flag(5, 'powerDown', '掉电', 'power down'),
  flag(6, 'demandOverLimit', '需量超限', 'demand over limit'),
  flag(7, 'powerFactorLow', '总功率因数超下限', 'total power factor below limit'),
  flag(8, 'currentSevereUnbalance', '电流严重不平衡', 'current severely unbalanced'),
  flag(9, 'coverOpen', '开表盖', 'meter cover opened'),
  flag(10, 'terminalCoverOpen', '开端钮盒', 'terminal cover opened'),
];
