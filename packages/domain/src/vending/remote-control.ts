/**
 * Remote fee control (远程费控, 002 §1.2 and §2.9 4.4; issue 6): the master station keeps the balance in
 * money and switches the meter's relay. At the alarm level the customer is warned; at zero less any credit
 * the relay trips; a top-up that brings the balance back above that threshold closes it. This decides the
 * command; sending it and confirming it by reading back is the head-end's work.
 */
export type RelayState = 'closed' | 'open';

export type RemoteAction = 'none' | 'warn' | 'trip' | 'close';

export interface RemoteControlInput {
  readonly previousBalanceFen: number;
  readonly balanceFen: number;
  /** Warn when the balance falls to this. */
  readonly alarmFen: number;
  /** Money the customer may use below zero (赊欠); 0 where no credit is allowed. */
  readonly creditFen: number;
  /** The relay as last confirmed by reading the meter back. */
  readonly relay: RelayState;
}

/** Where a remote account's money stands after a movement, and the relay command it calls for. */
export interface RemoteStatus {
  readonly balanceFen: number;
  readonly alarmFen: number;
  readonly creditFen: number;
  readonly action: RemoteAction;
}

export function remoteControlAction(input: RemoteControlInput): RemoteAction {
  const tripAt = -input.creditFen;
  if (input.relay === 'closed' && input.balanceFen <= tripAt) return 'trip';
  if (input.relay === 'open' && input.balanceFen > tripAt) return 'close';
  if (
    input.relay === 'closed' &&
    input.previousBalanceFen > input.alarmFen &&
    input.balanceFen <= input.alarmFen
  ) {
    return 'warn';
  }
  return 'none';
}
