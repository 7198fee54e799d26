import type { AccountBalance } from '@openami/domain';

/**
 * Where the money or energy stands, by the account's mode: a remote account's balance is the ledger's
 * (money, charged as readings arrive); a local fee-control meter keeps money and a card meter keeps energy,
 * so theirs is what the meter said at its last reading (unknown before one).
 */
export type PrepaidBalance =
  | {
      readonly kind: 'money';
      readonly source: 'ledger' | 'meter';
      readonly amountFen: number;
      readonly at: number;
    }
  | { readonly kind: 'energy'; readonly source: 'meter'; readonly energyWh: number; readonly at: number }
  | { readonly kind: 'unknown' };

/** The prepaid registers of a meter's latest stored reading (00900100, 00900200), meter Wh and fen. */
export interface PrepaidRegisters {
  readonly readAt: number;
  readonly remainingEnergyWh: number | null;
  readonly remainingMoneyFen: number | null;
}

export function prepaidBalance(
  mode: string,
  ledger: Pick<AccountBalance, 'balanceFen'>,
  reading: PrepaidRegisters | undefined,
  multiplier: number,
  now: number,
): PrepaidBalance {
  if (mode === 'remote') return { kind: 'money', source: 'ledger', amountFen: ledger.balanceFen, at: now };
  if (mode === 'local') {
    return reading?.remainingMoneyFen == null
      ? { kind: 'unknown' }
      : { kind: 'money', source: 'meter', amountFen: reading.remainingMoneyFen, at: reading.readAt };
  }
  // A card meter counts its energy on the meter's side of PT and CT; the customer buys the primary's.
  return reading?.remainingEnergyWh == null
    ? { kind: 'unknown' }
    : {
        kind: 'energy',
        source: 'meter',
        energyWh: reading.remainingEnergyWh * multiplier,
        at: reading.readAt,
      };
}
