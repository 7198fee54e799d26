// Who follows what the collector sees in the field (the alarm engine, in a deployment): one small interface
// in the domain's plain data, so that the head-end knows nothing of alarms and the follower nothing of the
// head-end or the protocol. The alarm engine implements it as it stands.
import type { LinkFlap, MeterRead, PortLink, PortRate, ReadingsLost } from '@openami/domain';

export interface CollectionObserver {
  /** One meter of a read run, once its readings are stored (with the stored energy reading's flags). */
  meterRead(read: MeterRead): Promise<void>;
  /** A finished read run: how many of each port's meters it read. */
  portRates(runId: number, rates: readonly PortRate[]): Promise<void>;
  /** Every port's link, each few seconds: a port down two checks in a row is reported down. */
  linkStates(links: readonly PortLink[]): Promise<void>;
  /** With the link states, each dial-in terminal whose link dropped or was contested within the flap window. */
  linkFlaps(flaps: readonly LinkFlap[]): Promise<void>;
  /** One meter's clock checked: the meter's clock less the station's, ms. */
  clockChecked(meterId: number, offsetMs: number): Promise<void>;
  /**
   * One meter's date and time read by a clock check: `problem` (English, for logs) when the meter sent a date
   * or time no calendar has (its clock is broken), `null` when both were real.
   */
  clockRead(meterId: number, problem: string | null): Promise<void>;
  /** Readings lost while the database was down (a full spool) or refused by it, once it answers again. */
  readingsLost(loss: ReadingsLost): Promise<void>;
}
