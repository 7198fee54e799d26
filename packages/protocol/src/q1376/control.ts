// 控制域 C (§4.3.4.3): D7 DIR, D6 PRM, D5 FCB (down) or ACD (up), D4 FCV (down; reserved up), D3–D0 功能码.
// ACD is not a field here: it is set exactly when an uplink frame carries EC, so the frame says it once.
import { ProtocolError } from '../errors.ts';

const DIR = 0x80;
const PRM = 0x40;
const FCB_ACD = 0x20;
const FCV = 0x10;
const FUNCTION_MASK = 0x0f;

export type Direction = 'down' | 'up';

export interface Control {
  /** DIR: 'down' from the master station, 'up' from the terminal. */
  readonly direction: Direction;
  /** PRM: true when the frame comes from the station that started the exchange (启动站). */
  readonly primary: boolean;
  /** FCB, downlink only: the frame-count bit that alternates between successive exchanges. */
  readonly frameCountBit: boolean;
  /** FCV, downlink only: whether FCB counts. */
  readonly frameCountValid: boolean;
  /** 功能码, 0–15 (PRIMARY_FUNCTION / SECONDARY_FUNCTION). */
  readonly functionCode: number;
}

export interface DecodedControl extends Control {
  /** ACD, uplink only: the terminal has important events waiting, so EC follows the data units. */
  readonly accessDemand: boolean;
}

export function decodeControl(byte: number): DecodedControl {
  const direction: Direction = (byte & DIR) !== 0 ? 'up' : 'down';
  const down = direction === 'down';
  return {
    direction,
    primary: (byte & PRM) !== 0,
    frameCountBit: down && (byte & FCB_ACD) !== 0,
    frameCountValid: down && (byte & FCV) !== 0,
    functionCode: byte & FUNCTION_MASK,
    accessDemand: !down && (byte & FCB_ACD) !== 0,
  };
}

export function encodeControl(control: Control, accessDemand: boolean): number {
  if (!Number.isInteger(control.functionCode) || control.functionCode < 0 || control.functionCode > 15) {
    throw new ProtocolError('bad-function', `function code ${control.functionCode} is not 0–15`);
  }
  let byte = control.functionCode;
  if (control.direction === 'up') {
    byte |= DIR;
    if (accessDemand) byte |= FCB_ACD;
  } else {
    if (control.frameCountBit) byte |= FCB_ACD;
    if (control.frameCountValid) byte |= FCV;
  }
  if (control.primary) byte |= PRM;
  return byte;
}
