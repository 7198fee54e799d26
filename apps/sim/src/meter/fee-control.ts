// Local fee control of a money-type prepaid meter (电费型, status word 3 meter type 2), the smart meter of
// Q/GDW 1365-2013: the meter prices what it measures by its own tariff table and keeps the balance in money;
// the master station tops it up over the wire with 开户 and 充值 (control code 03H), each taken only with
// the next purchase count, the customer number it was opened with, and within the hoarding limit.
// Money is integer fen; prices are integer 0.0001 yuan/kWh as the meter stores them (XXXX.XXXX yuan).
import type { SecurityErrorReason } from '@openami/protocol';
import { EventLog } from './event-log.ts';

export interface MoneyPrepaidConfig {
  /** 报警金额1限值 (04001001). */
  readonly alarm1Fen: number;
  /** 报警金额2限值 (04001002). */
  readonly alarm2Fen: number;
  /** 透支金额限值 (04001003): how far below zero the balance may go before the relay trips. */
  readonly creditLimitFen: number;
  /** 囤积金额限值 (04001004): a top-up is refused while top-up + balance would exceed it. */
  readonly hoardingLimitFen: number;
  /** 费率电价 1–4 (尖峰平谷), 0.0001 yuan/kWh. */
  readonly pricesPerKwh: readonly [number, number, number, number];
  readonly initialRemainingFen: number;
  /** 客户编号 bound at 开户; undefined: the meter is not opened yet. */
  readonly customerNumber: string | undefined;
}

export interface MoneyPurchaseRecord {
  /** Meter-clock epoch ms. */
  readonly timeMs: number;
  readonly purchaseCount: number;
  readonly amountFen: number;
  readonly remainingBeforeFen: number;
  readonly remainingAfterFen: number;
  readonly totalPurchasedFen: number;
}

export interface MoneyTopUp {
  readonly command: 'open-account' | 'recharge';
  readonly amountFen: number;
  readonly purchaseCount: number;
  readonly customerNumber: string;
}

export type MoneyTopUpOutcome =
  | { readonly accepted: true; readonly record: MoneyPurchaseRecord }
  | { readonly accepted: false; readonly reason: SecurityErrorReason };

/** price (0.0001 yuan/kWh) × Wh = 10⁻⁷ yuan = 10⁻⁵ fen. */
const PRICE_WH_PER_FEN = 100_000;

export class MoneyPrepaidState {
  remainingFen: number;
  purchaseCount = 0;
  totalPurchasedFen = 0;
  alarm1Fen: number;
  alarm2Fen: number;
  creditLimitFen: number;
  hoardingLimitFen: number;
  customerNumber: string | undefined;
  readonly pricesPerKwh: number[];
  /** Money-type meters warn and leave the power on; no card acknowledges an alarm cut. */
  readonly alarmCutsPower = false;
  alarmAcknowledged = false;
  readonly purchases = new EventLog<MoneyPurchaseRecord>();
  /** Cost of metered energy not yet a whole fen, in price × Wh. */
  private residue = 0;

  constructor(config: MoneyPrepaidConfig) {
    this.remainingFen = config.initialRemainingFen;
    this.alarm1Fen = config.alarm1Fen;
    this.alarm2Fen = config.alarm2Fen;
    this.creditLimitFen = config.creditLimitFen;
    this.hoardingLimitFen = config.hoardingLimitFen;
    this.customerNumber = config.customerNumber;
    this.pricesPerKwh = [...config.pricesPerKwh];
  }

  priceOf(tariff: number): number {
    return this.pricesPerKwh[tariff - 1] ?? this.pricesPerKwh[2] ?? 0;
  }

  /** Takes the cost of whole Wh metered in a tariff off the balance. */
  consume(wh: number, tariff: number): void {
    this.residue += wh * this.priceOf(tariff);
    const fen = Math.floor(this.residue / PRICE_WH_PER_FEN);
    this.residue -= fen * PRICE_WH_PER_FEN;
    this.remainingFen -= fen;
  }

  get overdraftFen(): number {
    return Math.max(0, -this.remainingFen);
  }

  get exhausted(): boolean {
    return this.remainingFen <= -this.creditLimitFen;
  }

  get belowAlarm(): boolean {
    return this.remainingFen <= this.alarm1Fen;
  }

  /** Energy that may be used in this tariff before the balance crosses the next level the meter acts on. */
  whToNextThreshold(tariff: number): number {
    const toExhausted = this.remainingFen + this.creditLimitFen;
    const toAlarm = this.remainingFen - this.alarm1Fen;
    const fen = toAlarm > 0 ? Math.min(toAlarm, toExhausted) : toExhausted;
    const price = this.priceOf(tariff);
    if (fen <= 0 || price <= 0) return fen <= 0 ? 0 : Number.POSITIVE_INFINITY;
    return Math.max(1, Math.ceil((fen * PRICE_WH_PER_FEN - this.residue) / price));
  }

  /** 开户 and 充值 once the ESAM has checked the MACs: the money rules of Q/GDW 1365 remote top-up. */
  topUp(order: MoneyTopUp, timeMs: number): MoneyTopUpOutcome {
    if (!Number.isSafeInteger(order.amountFen) || order.amountFen < 0) return refuse('other');
    if (order.command === 'recharge') {
      if (this.customerNumber === undefined || this.customerNumber !== order.customerNumber)
        return refuse('customer-number');
    } else if (this.customerNumber !== undefined && this.customerNumber !== order.customerNumber) {
      return refuse('customer-number');
    }
    // The same count again is the same top-up arriving twice (a retry after a lost reply).
    if (order.purchaseCount === this.purchaseCount && this.purchaseCount > 0)
      return refuse('repeated-recharge');
    if (order.purchaseCount !== this.purchaseCount + 1) return refuse('purchase-count');
    if (this.remainingFen + order.amountFen > this.hoardingLimitFen) return refuse('hoarding-limit');
    const remainingBeforeFen = this.remainingFen;
    this.customerNumber = order.customerNumber;
    this.remainingFen += order.amountFen;
    this.purchaseCount = order.purchaseCount;
    this.totalPurchasedFen += order.amountFen;
    const record: MoneyPurchaseRecord = {
      timeMs,
      purchaseCount: this.purchaseCount,
      amountFen: order.amountFen,
      remainingBeforeFen,
      remainingAfterFen: this.remainingFen,
      totalPurchasedFen: this.totalPurchasedFen,
    };
    this.purchases.add(record);
    return { accepted: true, record };
  }
}

function refuse(reason: SecurityErrorReason): MoneyTopUpOutcome {
  return { accepted: false, reason };
}
