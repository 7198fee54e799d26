// What collection saw in the field, as the head-end hands it on to whoever follows the field (the alarm
// engine): plain data in the store's integer ids and integer units, so that the follower needs neither the
// head-end nor the protocol, and the head-end nothing of alarms.
import type { AlarmKind, RelayStatus } from './alarms.ts';
import type { EnergyFlag } from './readings/energy-validation.ts';

/** Why something failed, for people: a stable code and its parameters (the head-end's closed list). */
export interface CodedReason {
  readonly code: string;
  readonly params: object;
}

/** An energy reading as it was stored: when the meter gave it, its import register, its validation flags. */
export interface StoredEnergy {
  readonly readAt: number;
  readonly activeImportWh: number;
  /** Empty when the reading is plausible; a flagged reading is stored all the same. */
  readonly flags: readonly EnergyFlag[];
}

/** One meter of a read run, once whatever it gave is stored. */
export interface MeterRead {
  /** The store's meter id. */
  readonly meterId: number;
  /** false: the meter did not answer at all this run. */
  readonly answered: boolean;
  /** When the head-end had the meter's last reply (epoch ms). */
  readonly collectedAt: number;
  /** Items that could not be read: each distinct message once (English, for logs)… */
  readonly failureMessages: readonly string[];
  /** …and all of them as one reason for people; null when nothing failed. */
  readonly failureReason: CodedReason | null;
  /** The energy reading the read stored, when it brought one. */
  readonly energy?: StoredEnergy;
  /** A prepaid meter's remaining energy, Wh. */
  readonly remainingEnergyWh?: number;
  /** The event counters read, by the alarm an increase of each raises. */
  readonly eventCounts?: Readonly<Partial<Record<AlarmKind, number>>>;
  /** Status word 3's relay bits, with the word as the meter sent it. */
  readonly relay?: RelayStatus & { readonly raw: number };
  /** Status word 7's cover bits: whether the meter cover and the terminal cover are open as it was read. */
  readonly covers?: CoverStatus;
  /** The terminal port the meter hangs on (its terminal's alarms cover the meter's). */
  readonly port?: TerminalPort;
}

/** Status word 7's cover bits (DL/T 645-2007 Table A.5: bit 9 meter cover open, bit 10 terminal cover open). */
export interface CoverStatus {
  readonly coverOpen: boolean;
  readonly terminalCoverOpen: boolean;
}

/** A terminal's RS-485 port: the terminal's store id and the port's number as printed on it (1-based). */
export interface TerminalPort {
  readonly terminalId: number;
  readonly portNo: number;
}

/** How many of a port's meters a read run read. */
export interface PortRate extends TerminalPort {
  readonly meters: number;
  readonly read: number;
}

/**
 * A dial-in terminal's link over the flap window: its reconnections, the newcomers refused because its live
 * link was heard (a replayed registration, or two devices on one identity), and whether together they are
 * more than the site allows (OPENAMI_DIAL_IN_FLAP_RECONNECTS in OPENAMI_DIAL_IN_FLAP_MINUTES).
 */
export interface LinkFlap {
  readonly terminalId: number;
  readonly flapping: boolean;
  readonly reconnects: number;
  readonly refusedTakeovers: number;
  readonly windowMs: number;
}

/**
 * Readings the collector read but could not keep: its spool was full while the database was down, or the
 * database refused a buffered batch again and again. Told once the database answers again (the alarm lives
 * there), summed over the whole outage.
 */
export interface ReadingsLost {
  /** Rows lost (one meter read is one energy and one instant row). */
  readonly rows: number;
  /** When the first of them was lost, epoch ms. */
  readonly since: number;
  /** Why, in English for logs: the first few distinct reasons. */
  readonly reasons: readonly string[];
}

/** Whether a port's link to its terminal is up. */
export interface PortLink extends TerminalPort {
  readonly up: boolean;
}
