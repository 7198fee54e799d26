// Wire constants of Q/GDW 1376.1-2013 (电力用户用电信息采集系统通信协议 第1部分：主站与采集终端通信协议),
// with the clause beside each. The frame (§4.3.2, 帧格式):
//   68 L L 68 | C A1 A1 A2 A2 A3 AFN SEQ {DA DT data}… [PW][EC][Tp] | CS 16
// L counts the user data (C through the last auxiliary byte); CS is the modulo-256 sum of the same bytes.

/** 起始字符 (§4.3.2): the first and the sixth byte of every frame. */
export const FRAME_START = 0x68;
/** 结束字符 (§4.3.2). */
export const FRAME_END = 0x16;
/** 68 L L 68: the fixed header before the user data. */
export const HEADER_LENGTH = 6;
/** CS and 16H after the user data. */
export const TRAILER_LENGTH = 2;
/** C(1) A(5) AFN(1) SEQ(1): the least user data a frame carries (§4.3.4). */
export const MIN_USER_DATA_LENGTH = 8;
/** L keeps the length in its bits D2–D15 (§4.3.3.1): at most 16 383 bytes of user data. */
export const MAX_USER_DATA_LENGTH = 0x3fff;
export const MAX_FRAME_LENGTH = HEADER_LENGTH + MAX_USER_DATA_LENGTH + TRAILER_LENGTH;

/**
 * 协议标识, bits D0–D1 of L (§4.3.3.1): 2 is Q/GDW 1376.1 (and 376.1-2009), 1 the older Q/GDW 130-2005 that
 * some field terminals still announce with the same layout. 0 and 3 are reserved and never a frame of ours.
 */
export const PROTOCOL_1376_1 = 2;
export const PROTOCOL_130_2005 = 1;
export const ACCEPTED_PROTOCOLS: readonly number[] = [PROTOCOL_130_2005, PROTOCOL_1376_1];

/** Offsets inside the user data (from C). */
export const CONTROL_AT = 0;
export const ADDRESS_AT = 1;
export const AFN_AT = 6;
export const SEQ_AT = 7;
export const UNITS_AT = 8;

/** 消息认证码字段 PW (§4.3.4.6.1): 16 bytes at the end of important downlink frames. */
export const PASSWORD_LENGTH = 16;
/** 事件计数器 EC (§4.3.4.6.2): EC1 important, EC2 normal; in uplink frames whose C has ACD = 1. */
export const EVENT_COUNTER_LENGTH = 2;
/** 时间标签 Tp (§4.3.4.6.3): PFC(1), send time in format 16 (4), allowed delay in minutes (1). */
export const TIME_TAG_LENGTH = 6;

/** 应用层功能码 AFN (§5.1, Table 7). */
export const AFN = {
  /** 确认∕否认 */
  confirm: 0x00,
  /** 复位 */
  reset: 0x01,
  /** 链路接口检测: login, logout, heartbeat */
  linkCheck: 0x02,
  /** 设置参数 */
  setParameters: 0x04,
  /** 控制命令 */
  control: 0x05,
  /** 查询参数 */
  queryParameters: 0x0a,
  /** 请求 1 类数据 (current values) */
  class1Data: 0x0c,
  /** 请求 2 类数据 (frozen values) */
  class2Data: 0x0d,
  /** 请求 3 类数据 (events) */
  class3Data: 0x0e,
  /** 文件传输 */
  fileTransfer: 0x0f,
  /** 数据转发 */
  forward: 0x10,
} as const;

/**
 * AFNs whose downlink frames carry PW (§4.3.4.6.1: 复位命令, 设置参数, 控制命令, 文件传输 and 数据转发 are the
 * "重要的下行报文"). Uplink frames never carry it.
 */
export const PASSWORD_AFNS: ReadonlySet<number> = new Set([
  AFN.reset,
  AFN.setParameters,
  AFN.control,
  AFN.fileTransfer,
  AFN.forward,
]);

/** 功能码 of C when PRM = 1 (§4.3.4.3.3, Table 4). */
export const PRIMARY_FUNCTION = {
  /** 发送∕确认: 复位命令 */
  reset: 1,
  /** 发送∕无回答: 用户数据 */
  userData: 4,
  /** 请求∕响应: 链路测试 (login, heartbeat) */
  linkTest: 9,
  /** 请求∕响应: 请求 1 级数据 */
  requestClass1: 10,
  /** 请求∕响应: 请求 2 级数据 */
  requestClass2: 11,
} as const;

/** 功能码 of C when PRM = 0 (§4.3.4.3.3, Table 5). */
export const SECONDARY_FUNCTION = {
  /** 确认: 认可 */
  confirm: 0,
  /** 响应帧: 用户数据 */
  userData: 8,
  /** 响应帧: 否认, 无所召唤的数据 */
  noData: 9,
  /** 响应帧: 链路状态 */
  linkStatus: 11,
} as const;

/** The byte a field is filled with when the terminal has no value for it (Appendix A: "EE"). */
export const NO_DATA = 0xee;
