// What the head-end needs to know about the field: terminals, their ports (buses) and the meters on them.
// The server builds this from the store; tests and the simulator build it directly.
import type { Edition } from '@openami/protocol';
import type { HeartbeatSettings } from './link/dial-in-server.ts';
import type { Parity } from './link/serial-channel.ts';

export interface PortConfig {
  /** 1-based, as printed on the terminal. */
  readonly portNo: number;
  readonly baud: number;
  readonly parity?: Parity;
  /** Tcp-server terminals: the TCP port this RS-485 port listens on. */
  readonly tcpPort?: number;
  /** Serial terminals: the device path. */
  readonly path?: string;
}

export type TerminalConfig =
  /** A serial server in TCP-server transparent mode: the head-end dials each port. */
  | {
      readonly id: number;
      readonly mode: 'tcp-server';
      readonly host: string;
      readonly ports: readonly PortConfig[];
    }
  /** A terminal that dials in (GPRS DTU, serial server in TCP-client mode): one bus. */
  | {
      readonly id: number;
      readonly mode: 'tcp-client';
      readonly registration?: Uint8Array;
      readonly peerAddress?: string;
      readonly heartbeat?: HeartbeatSettings;
      readonly ports: readonly PortConfig[];
    }
  /** A USB RS-485 adapter on the head-end's own machine. */
  | { readonly id: number; readonly mode: 'serial'; readonly ports: readonly PortConfig[] };

export interface MeterConfig {
  /** The store's meter id, from the store's row to the wire and back. */
  readonly id: number;
  readonly address: string;
  readonly edition: Edition;
  readonly meterType: string;
  /** The store's terminal id. */
  readonly terminalId: number;
  readonly portNo: number;
  /** The most power the meter's register can see, in W (`maxPowerW`); plausibility checks use it. */
  readonly maxPowerW?: number;
  /** The meter's area path (`/1/4/9/`), for plans and reads that target areas. */
  readonly areaPath?: string;
}

export interface FieldConfig {
  readonly terminals: readonly TerminalConfig[];
  readonly meters: readonly MeterConfig[];
  /** The site's time zone for plans, freezes and clocks. */
  readonly timeZone?: string;
  /** Where dial-in terminals connect. */
  readonly dialInPort?: number;
}

/** A bus's name in logs and run reports: `terminal#port`. */
export function busId(terminalId: number, portNo: number): string {
  return `${terminalId}#${portNo}`;
}
