// The messages of DL/T 645-2007 §7 (application layer) as plain data: what the master asks, what the meter
// answers. Frames are built and parsed in functions-2007.ts.
import type { ErrorReason, SecurityErrorReason } from './error-word.ts';
import type { MeterDateTime } from './formats.ts';

/** PA (password level), P0P1P2 (password) and C0…C3 (operator code) of the privileged functions (§7.3). */
export interface Credentials {
  readonly passwordLevel: number;
  /** Six hex digits, most significant first. */
  readonly password: string;
  /** Eight hex digits, most significant first: who did it, recorded by the meter. */
  readonly operatorCode: string;
}

/** 跳合闸、报警、保电 commands (control code 1CH, N1). */
export type RemoteCommand =
  | 'trip'
  | 'close-permit'
  | 'close-direct'
  | 'alarm'
  | 'alarm-release'
  | 'protect-on'
  | 'protect-off';

/**
 * 安全认证 commands (control code 03H). Byte strings (ciphertexts, random numbers, MACs) are written most
 * significant first, like passwords, and sent low byte first like every multi-byte field of DL/T 645.
 */
export type SecurityCommand =
  | {
      /** 身份认证 070000FF: the master proves it holds the meter's key; the ESAM opens a session. */
      readonly command: 'identity-auth';
      /** 密文1: random 1 enciphered under the meter's key (16 hex digits). */
      readonly ciphertext: string;
      /** 随机数1 (16 hex digits). */
      readonly random: string;
      /** 分散因子: what the meter's key is derived from, normally its address (16 hex digits). */
      readonly diversifier: string;
    }
  | {
      /** 开户 070101FF (binds the customer number) or 充值 070102FF (a top-up of a local fee-control meter). */
      readonly command: 'open-account' | 'recharge';
      /** 购电金额, in fen (0.01 yuan). */
      readonly amountFen: number;
      /** 购电次数: the meter takes it only as its own count + 1. */
      readonly purchaseCount: number;
      /** MAC over amount and count (8 hex digits). */
      readonly mac1: string;
      /** 客户编号, 12 digits. */
      readonly customerNumber: string;
      /** MAC over the customer number (8 hex digits). */
      readonly mac2: string;
    };

export type SecurityCommandName = SecurityCommand['command'];

export type Request2007 =
  | { readonly kind: 'broadcast-time-sync'; readonly time: MeterDateTime }
  | {
      readonly kind: 'read-data';
      readonly address: string;
      readonly di: number;
      /** Load records: how many blocks to read (N), optionally from a time. */
      readonly blockCount?: number;
      readonly from?: MeterDateTime;
    }
  | { readonly kind: 'read-follow-up'; readonly address: string; readonly di: number; readonly seq: number }
  | { readonly kind: 'read-address'; readonly address: string }
  | ({
      readonly kind: 'write-data';
      readonly address: string;
      readonly di: number;
      readonly value: Uint8Array;
    } & Credentials)
  | { readonly kind: 'write-address'; readonly address: string; readonly newAddress: string }
  | {
      readonly kind: 'freeze';
      readonly address: string;
      /** MMDDhhmm as written, 99 for "every": 99999999 freezes now, 99DDhhmm monthly, 9999hhmm daily. */
      readonly pattern: string;
    }
  | { readonly kind: 'change-baud-rate'; readonly address: string; readonly baud: number }
  | {
      readonly kind: 'change-password';
      readonly address: string;
      /** The password level being set, 0–9 (identifier 04000C01 + level). */
      readonly level: number;
      readonly oldPasswordLevel: number;
      readonly oldPassword: string;
      readonly newPasswordLevel: number;
      readonly newPassword: string;
    }
  | ({ readonly kind: 'clear-max-demand'; readonly address: string } & Credentials)
  | ({ readonly kind: 'meter-clear'; readonly address: string } & Credentials)
  | ({ readonly kind: 'event-clear'; readonly address: string; readonly di: number } & Credentials)
  | ({
      readonly kind: 'remote-control';
      readonly address: string;
      readonly command: RemoteCommand;
      /** The command is void after this time (N3…N8). */
      readonly validUntil: MeterDateTime;
    } & Credentials)
  | ({
      readonly kind: 'security';
      readonly address: string;
      /** C0…C3: who asks, eight hex digits. */
      readonly operatorCode: string;
    } & SecurityCommand);

/** Functions whose normal answer carries no data. */
export type AcknowledgedFunction2007 =
  | 'write-data'
  | 'write-address'
  | 'freeze'
  | 'clear-max-demand'
  | 'meter-clear'
  | 'event-clear'
  | 'remote-control';

export type Response2007 =
  | {
      readonly kind: 'read-data';
      readonly address: string;
      readonly di: number;
      /** The item's data, after the identifier; decode it with decodeItem. */
      readonly data: Uint8Array;
      /** The meter has more: read it with read-follow-up. */
      readonly followUp: boolean;
    }
  | {
      readonly kind: 'read-follow-up';
      readonly address: string;
      readonly di: number;
      readonly data: Uint8Array;
      readonly seq: number;
      readonly followUp: boolean;
    }
  | { readonly kind: 'read-address'; readonly address: string }
  | { readonly kind: 'ack'; readonly address: string; readonly function: AcknowledgedFunction2007 }
  | { readonly kind: 'change-baud-rate'; readonly address: string; readonly baud: number }
  | {
      readonly kind: 'change-password';
      readonly address: string;
      readonly newPasswordLevel: number;
      readonly newPassword: string;
    }
  | {
      readonly kind: 'security';
      readonly address: string;
      readonly command: 'identity-auth';
      /** 随机数2 (8 hex digits): with random 1 it makes the session key. */
      readonly random: string;
      /** ESAM序列号 (16 hex digits). */
      readonly esamSerial: string;
    }
  | {
      readonly kind: 'security';
      readonly address: string;
      readonly command: 'open-account' | 'recharge';
    }
  | {
      /** A 03H command refused: control code C3H with the two-byte 安全认证错误信息字 SERR. */
      readonly kind: 'security-refused';
      readonly address: string;
      readonly errorWord: number;
      readonly reasons: readonly SecurityErrorReason[];
    }
  | {
      readonly kind: 'abnormal';
      readonly address: string;
      /** The request kind that failed. */
      readonly function: Request2007['kind'];
      readonly errorWord: number;
      readonly reasons: readonly ErrorReason[];
    };
