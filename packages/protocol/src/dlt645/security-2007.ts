// 安全认证 (control code 03H): the ESAM-protected commands a fee-control smart meter takes (Q/GDW 1365-2013,
// the 备案 extension of DL/T 645-2007). Request data: DI (4) + operator code C0…C3 (4) + the command's
// fields; normal reply 83H: DI (4) + the reply's fields; refusal C3H: SERR (2). Every multi-byte field goes
// low byte first (§5 rule of DL/T 645); amounts and counts are unsigned binary, the customer number BCD.
import { concatBytes } from '../bytes.ts';
import { ProtocolError } from '../errors.ts';
import { diField, expectDataLength, readCode, readDi4, writeCode } from './fields.ts';
import { digits } from './formats.ts';
import type { SecurityCommand, SecurityCommandName } from './messages-2007.ts';
import { decodeValue, encodeValue } from './value-codec.ts';

/** The data identifier of each 03H command. */
export const SECURITY_DI: Readonly<Record<SecurityCommandName, number>> = {
  'identity-auth': 0x070000ff, // 身份认证
  'open-account': 0x070101ff, // 开户
  recharge: 0x070102ff, // 充值
};
const COMMAND_OF_DI = new Map<number, SecurityCommandName>(
  Object.entries(SECURITY_DI).map(([command, di]) => [di, command as SecurityCommandName]),
);

const OPERATOR_LENGTH = 4;
/** 密文1 (8) + 随机数1 (8) + 分散因子 (8). */
const AUTH_LENGTH = 24;
/** 购电金额 (4) + 购电次数 (4) + MAC1 (4) + 客户编号 (6) + MAC2 (4). */
const MONEY_LENGTH = 22;
/** 随机数2 (4) + ESAM序列号 (8). */
const AUTH_REPLY_LENGTH = 12;
const CUSTOMER_NUMBER = digits(6);
const MAX_U32 = 0xffffffff;

export function securityCommandOfDi(di: number): SecurityCommandName {
  const command = COMMAND_OF_DI.get(di);
  if (command === undefined)
    throw new ProtocolError(
      'bad-data',
      `security command ${di.toString(16).toUpperCase().padStart(8, '0')} is not supported`,
    );
  return command;
}

export function securityRequestData(operatorCode: string, command: SecurityCommand): Uint8Array {
  const head = new Uint8Array(8);
  head.set(diField(SECURITY_DI[command.command], 4), 0);
  writeCode(head, 4, operatorCode, OPERATOR_LENGTH, 'operator code');
  if (command.command === 'identity-auth') {
    const body = new Uint8Array(AUTH_LENGTH);
    writeCode(body, 0, command.ciphertext, 8, 'ciphertext 1');
    writeCode(body, 8, command.random, 8, 'random 1');
    writeCode(body, 16, command.diversifier, 8, 'diversification factor');
    return concatBytes([head, body]);
  }
  const body = new Uint8Array(MONEY_LENGTH);
  writeU32(body, 0, command.amountFen, 'purchase amount (fen)');
  writeU32(body, 4, command.purchaseCount, 'purchase count');
  writeCode(body, 8, command.mac1, 4, 'MAC1');
  body.set(encodeValue(CUSTOMER_NUMBER, checkCustomerNumber(command.customerNumber)), 12);
  writeCode(body, 18, command.mac2, 4, 'MAC2');
  return concatBytes([head, body]);
}

export function parseSecurityRequest(data: Uint8Array): { readonly operatorCode: string } & SecurityCommand {
  if (data.length < 8) throw new ProtocolError('bad-data', `security: data is ${data.length} byte(s)`);
  const command = securityCommandOfDi(readDi4(data, 0));
  const operatorCode = readCode(data, 4, OPERATOR_LENGTH);
  if (command === 'identity-auth') {
    expectDataLength(data, 8 + AUTH_LENGTH, command);
    return {
      operatorCode,
      command,
      ciphertext: readCode(data, 8, 8),
      random: readCode(data, 16, 8),
      diversifier: readCode(data, 24, 8),
    };
  }
  expectDataLength(data, 8 + MONEY_LENGTH, command);
  return {
    operatorCode,
    command,
    amountFen: readU32(data, 8),
    purchaseCount: readU32(data, 12),
    mac1: readCode(data, 16, 4),
    customerNumber: decodeValue(CUSTOMER_NUMBER, data, 20, 6) as string,
    mac2: readCode(data, 26, 4),
  };
}

export type SecurityReply =
  | { readonly command: 'identity-auth'; readonly random: string; readonly esamSerial: string }
  | { readonly command: 'open-account' | 'recharge' };

export function securityReplyData(reply: SecurityReply): Uint8Array {
  const di = diField(SECURITY_DI[reply.command], 4);
  if (reply.command !== 'identity-auth') return di;
  const body = new Uint8Array(AUTH_REPLY_LENGTH);
  writeCode(body, 0, reply.random, 4, 'random 2');
  writeCode(body, 4, reply.esamSerial, 8, 'ESAM serial number');
  return concatBytes([di, body]);
}

export function parseSecurityReply(data: Uint8Array): SecurityReply {
  if (data.length < 4) throw new ProtocolError('bad-data', `security reply: data is ${data.length} byte(s)`);
  const command = securityCommandOfDi(readDi4(data, 0));
  if (command !== 'identity-auth') {
    expectDataLength(data, 4, command);
    return { command };
  }
  expectDataLength(data, 4 + AUTH_REPLY_LENGTH, command);
  return { command, random: readCode(data, 4, 4), esamSerial: readCode(data, 8, 8) };
}

function checkCustomerNumber(text: string): string {
  if (!/^\d{12}$/.test(text))
    throw new ProtocolError('bad-value', `customer number must be 12 digits, got ${JSON.stringify(text)}`);
  return text;
}

function writeU32(target: Uint8Array, offset: number, value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_U32)
    throw new ProtocolError('bad-value', `${what} must be an integer 0-${MAX_U32}, got ${value}`);
  target[offset] = value & 0xff;
  target[offset + 1] = (value >>> 8) & 0xff;
  target[offset + 2] = (value >>> 16) & 0xff;
  target[offset + 3] = value >>> 24;
}

function readU32(bytes: Uint8Array, offset: number): number {
  return readDi4(bytes, offset);
}
