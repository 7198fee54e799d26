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
      readonly id: string;
      readonly mode: 'tcp-server';
      readonly host: string;
      readonly ports: readonly PortConfig[];
    }
  /** A terminal that dials in (GPRS DTU, serial server in TCP-client mode): one bus. */
  | {
      readonly id: string;
      readonly mode: 'tcp-client';
      readonly registration?: Uint8Array;
      readonly peerAddress?: string;
      readonly heartbeat?: HeartbeatSettings;
      readonly ports: readonly PortConfig[];
    }
  /** A USB RS-485 adapter on the head-end's own machine. */
  | { readonly id: string; readonly mode: 'serial'; readonly ports: readonly PortConfig[] };

export interface MeterConfig {
  readonly id: string;
  readonly address: string;
  readonly edition: Edition;
  readonly meterType: string;
  readonly terminalId: string;
  readonly portNo: number;
  /** The most power the meter's register can see, in W (`maxPowerW`); plausibility checks use it. */
  readonly maxPowerW?: number;
  /** The meter's area path (`/1/4/9/`), for plans and reads that target areas. */
  readonly areaPath?: string;
}

/**
 * The most power a meter can pass: maximum current on every phase at the highest supply voltage allowed
 * (220 V + 10 %, GB/T 12325). Registers count secondary energy, so the PT and CT ratios do not enter.
 */
export function maxPowerW(maxCurrentMa: number, phases: number): number {
  return Math.ceil((242 * maxCurrentMa * phases) / 1000);
}

export interface FieldConfig {
  readonly terminals: readonly TerminalConfig[];
  readonly meters: readonly MeterConfig[];
  /** The site's time zone for plans, freezes and clocks. */
  readonly timeZone?: string;
  /** Where dial-in terminals connect. */
  readonly dialInPort?: number;
}

export function busId(terminalId: string, portNo: number): string {
  return `${terminalId}#${portNo}`;
}
