// Local fee control of an energy-type prepaid meter (电量型, status word 3 meter type 1), per DOMAIN.md §4
// and 001 appendix 3: remaining energy counts down, the alarm levels warn, the credit limit lets it go below
// zero, a purchase is taken only with the next purchase count and within the hoarding limit.
import { EventLog } from './event-log.ts';
import type { PrepaidConfig } from './meter-config.ts';

export interface PurchaseRecord {
  /** Meter-clock epoch ms. */
  readonly timeMs: number;
  readonly purchaseCount: number;
  readonly energyWh: number;
  readonly remainingBeforeWh: number;
  readonly remainingAfterWh: number;
  readonly totalPurchasedWh: number;
}

export interface PurchaseRequest {
  /** The meter number the card (or remote top-up) carries. */
  readonly meterNumber: string;
  /** The purchase count it carries: must be the meter's count + 1. */
  readonly purchaseCount: number;
  readonly energyWh: number;
}

export type PurchaseRefusal =
  /** The card belongs to another meter (001 FAQ 7 "电表编号不符"). */
  | 'meter-number'
  /** Not the meter's count + 1: a card not inserted, or a replacement of a purchase already taken. */
  | 'purchase-count'
  /** Purchase + remaining would exceed 囤积限量. */
  | 'hoarding-limit'
  | 'bad-energy'
  /** The meter has no local fee control. */
  | 'not-prepaid';

export type PurchaseOutcome =
  | { readonly accepted: true; readonly record: PurchaseRecord }
  | { readonly accepted: false; readonly reason: PurchaseRefusal };

export class PrepaidState {
  remainingWh: number;
  purchaseCount = 0;
  totalPurchasedWh = 0;
  /** Preset energy not yet deducted (GB/T 18460: deducted when the first customer card is inserted). */
  presetPendingWh: number;
  alarmEnergyWh: number;
  alarm2EnergyWh: number;
  creditLimitWh: number;
  hoardingLimitWh: number;
  readonly alarmCutsPower: boolean;
  /** The customer acknowledged the alarm cut by inserting the card (001 FAQ 5). */
  alarmAcknowledged = false;
  readonly purchases = new EventLog<PurchaseRecord>();

  constructor(config: PrepaidConfig) {
    this.remainingWh = config.initialRemainingWh;
    this.presetPendingWh = config.presetEnergyWh;
    this.alarmEnergyWh = config.alarmEnergyWh;
    this.alarm2EnergyWh = config.alarm2EnergyWh;
    this.creditLimitWh = config.creditLimitWh;
    this.hoardingLimitWh = config.hoardingLimitWh;
    this.alarmCutsPower = config.alarmCutsPower;
  }

  /** Takes consumed energy off the balance. */
  consume(wh: number): void {
    this.remainingWh -= wh;
  }

  /** 透支电量: how far below zero the balance is. */
  get overdraftWh(): number {
    return Math.max(0, -this.remainingWh);
  }

  /** Credit exhausted: the relay must open. */
  get exhausted(): boolean {
    return this.remainingWh <= -this.creditLimitWh;
  }

  get belowAlarm(): boolean {
    return this.remainingWh <= this.alarmEnergyWh;
  }

  /** Energy that may still be used before the next threshold the meter acts on is crossed. */
  whToNextThreshold(): number {
    const toExhausted = this.remainingWh + this.creditLimitWh;
    const toAlarm = this.remainingWh - this.alarmEnergyWh;
    return toAlarm > 0 ? Math.min(toAlarm, toExhausted) : toExhausted;
  }

  purchase(request: PurchaseRequest, meterNumber: string, timeMs: number): PurchaseOutcome {
    if (!Number.isSafeInteger(request.energyWh) || request.energyWh <= 0) return refuse('bad-energy');
    if (request.meterNumber !== meterNumber) return refuse('meter-number');
    if (request.purchaseCount !== this.purchaseCount + 1) return refuse('purchase-count');
    const deduction = this.presetPendingWh;
    if (request.energyWh + this.remainingWh - deduction > this.hoardingLimitWh)
      return refuse('hoarding-limit');
    const remainingBeforeWh = this.remainingWh;
    this.remainingWh += request.energyWh - deduction;
    this.presetPendingWh = 0;
    this.purchaseCount++;
    this.totalPurchasedWh += request.energyWh;
    if (!this.belowAlarm) this.alarmAcknowledged = false;
    const record: PurchaseRecord = {
      timeMs,
      purchaseCount: this.purchaseCount,
      energyWh: request.energyWh,
      remainingBeforeWh,
      remainingAfterWh: this.remainingWh,
      totalPurchasedWh: this.totalPurchasedWh,
    };
    this.purchases.add(record);
    return { accepted: true, record };
  }
}

function refuse(reason: PurchaseRefusal): PurchaseOutcome {
  return { accepted: false, reason };
}
