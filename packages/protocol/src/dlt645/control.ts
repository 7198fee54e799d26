// 控制码 C (§5.2.3): D7 transfer direction (0 master→meter, 1 meter→master), D6 abnormal-reply flag,
// D5 follow-up-frame flag, D4…D0 function code. The 1997 edition uses the same bits with other function codes.
import type { Edition } from './constants.ts';

const DIRECTION_BIT = 0x80;
const ABNORMAL_BIT = 0x40;
const FOLLOW_UP_BIT = 0x20;
const FUNCTION_MASK = 0x1f;

export type Direction = 'request' | 'response';

export interface ControlCode {
  /** `request`: sent by the master station; `response`: sent by the meter. */
  readonly direction: Direction;
  /** 从站异常应答: the meter could not do what was asked; the data holds an error word. */
  readonly abnormal: boolean;
  /** 后续帧: more data follows, to be fetched with "read follow-up data". */
  readonly followUp: boolean;
  /** D4…D0. */
  readonly functionCode: number;
}

export function decodeControl(byte: number): ControlCode {
  return {
    direction: (byte & DIRECTION_BIT) !== 0 ? 'response' : 'request',
    abnormal: (byte & ABNORMAL_BIT) !== 0,
    followUp: (byte & FOLLOW_UP_BIT) !== 0,
    functionCode: byte & FUNCTION_MASK,
  };
}

export function encodeControl(control: ControlCode): number {
  return (
    (control.direction === 'response' ? DIRECTION_BIT : 0) |
    (control.abnormal ? ABNORMAL_BIT : 0) |
    (control.followUp ? FOLLOW_UP_BIT : 0) |
    (control.functionCode & FUNCTION_MASK)
  );
}

/** DL/T 645-2007 function codes, §5.2.3 and §7. */
export const Function2007 = {
  /**
   * 安全认证 (security authentication): the ESAM-protected commands of fee-control smart meters, added to
   * DL/T 645-2007 by the State Grid smart-meter specifications (Q/GDW 1364/1365-2013, 备案 control code 03H).
   */
  security: 0x03,
  /** 广播校时 §7.6 */
  broadcastTimeSync: 0x08,
  /** 读数据 §7.1 */
  readData: 0x11,
  /** 读后续数据 §7.2 */
  readFollowUp: 0x12,
  /** 读通信地址 §7.4 */
  readAddress: 0x13,
  /** 写数据 §7.3 */
  writeData: 0x14,
  /** 写通信地址 §7.5 */
  writeAddress: 0x15,
  /** 冻结命令 §7.7 */
  freeze: 0x16,
  /** 更改通信速率 §7.8 */
  changeBaudRate: 0x17,
  /** 修改密码 §7.9 */
  changePassword: 0x18,
  /** 最大需量清零 §7.10 */
  clearMaxDemand: 0x19,
  /** 电表清零 §7.11 */
  meterClear: 0x1a,
  /** 事件清零 §7.12 */
  eventClear: 0x1b,
  /** 跳合闸、报警、保电 (remote control), control code 1CH */
  remoteControl: 0x1c,
} as const;

/** DL/T 645-1997 function codes (1997 §5 控制码). */
export const Function1997 = {
  /** 读数据 */
  readData: 0x01,
  /** 读后续数据 */
  readFollowUp: 0x02,
  /** 重读数据 */
  reRead: 0x03,
  /** 写数据 */
  writeData: 0x04,
  /** 广播校时 */
  broadcastTimeSync: 0x08,
  /** 写设备地址 */
  writeAddress: 0x0a,
  /** 更改通信速率 */
  changeBaudRate: 0x0c,
  /** 修改密码 */
  changePassword: 0x0f,
  /** 最大需量清零 */
  clearMaxDemand: 0x10,
} as const;

export type FunctionName2007 = keyof typeof Function2007;
export type FunctionName1997 = keyof typeof Function1997;

const NAMES_2007 = new Map<number, FunctionName2007>(
  Object.entries(Function2007).map(([name, code]) => [code, name as FunctionName2007]),
);
const NAMES_1997 = new Map<number, FunctionName1997>(
  Object.entries(Function1997).map(([name, code]) => [code, name as FunctionName1997]),
);

/** The function's name in the given edition, or undefined when the edition does not define the code. */
export function functionName(edition: Edition, functionCode: number): string | undefined {
  return edition === '2007' ? NAMES_2007.get(functionCode) : NAMES_1997.get(functionCode);
}

/**
 * The edition a function code belongs to. The two editions' codes overlap in broadcast time sync (08H), which
 * has the same layout in both, and in 03H (1997 重读数据, 2007 安全认证); for those the answer is undefined and
 * the caller's knowledge of the meter decides.
 */
export function editionOfFunction(functionCode: number): Edition | undefined {
  if (NAMES_2007.has(functionCode) && NAMES_1997.has(functionCode)) return undefined;
  if (NAMES_2007.has(functionCode)) return '2007';
  if (NAMES_1997.has(functionCode)) return '1997';
  return undefined;
}
