// 地址域 A (§4.3.4.4): A1 行政区划码 (2 bytes BCD, low byte first), A2 终端地址 (2 bytes binary, low byte
// first; 0 is no terminal, FFFFH with the group flag is the broadcast address), A3 (D0 组地址标志, D1–D7 主站
// 地址 MSA 0–127).
import { ProtocolError } from '../errors.ts';
import { byteHex } from '../hex.ts';

export const ADDRESS_LENGTH = 5;

export interface TerminalAddress {
  /**
   * 行政区划码 A1: its four digits as written ("3201"). The standard has them BCD; a terminal set up with a
   * hex digit in its area is still the terminal it is, so we read and write A1 as four hex digits.
   */
  readonly area: string;
  /** 终端地址 A2, 0–65535. */
  readonly terminal: number;
  /** 主站地址 MSA, 0–127: which master station the exchange belongs to (0: the terminal started it). */
  readonly master: number;
  /** A2 names a group of terminals, not one. */
  readonly group: boolean;
}

export function readAddress(bytes: Uint8Array, at: number): TerminalAddress {
  const a3 = bytes[at + 4] as number;
  return {
    area: byteHex(bytes[at + 1] as number) + byteHex(bytes[at] as number),
    terminal: (bytes[at + 2] as number) | ((bytes[at + 3] as number) << 8),
    master: a3 >> 1,
    group: (a3 & 1) !== 0,
  };
}

export function writeAddress(target: Uint8Array, at: number, address: TerminalAddress): void {
  if (!/^[0-9A-Fa-f]{4}$/.test(address.area)) {
    throw new ProtocolError('bad-address', `area code ${JSON.stringify(address.area)} is not four digits`);
  }
  target[at] = Number.parseInt(address.area.slice(2), 16);
  target[at + 1] = Number.parseInt(address.area.slice(0, 2), 16);
  const { terminal, master } = address;
  if (!Number.isInteger(terminal) || terminal < 0 || terminal > 0xffff) {
    throw new ProtocolError('bad-address', `terminal address ${terminal} is not 0–65535`);
  }
  if (!Number.isInteger(master) || master < 0 || master > 127) {
    throw new ProtocolError('bad-address', `master station address ${master} is not 0–127`);
  }
  target[at + 2] = terminal & 0xff;
  target[at + 3] = terminal >> 8;
  target[at + 4] = (master << 1) | (address.group ? 1 : 0);
}

/** "3201-00012": how logs and the CLI name a terminal (area, then the terminal address in decimal). */
export function formatTerminal(address: Pick<TerminalAddress, 'area' | 'terminal'>): string {
  return `${address.area}-${String(address.terminal).padStart(5, '0')}`;
}
