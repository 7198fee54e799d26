// AFN 00 确认∕否认 (§5.1.3.1) and AFN 02 链路接口检测 (§5.3).
import { ProtocolError } from '../errors.ts';
import type { ByteReader, ByteWriter } from './cursor.ts';
import { decodeDa, decodeDt, encodeDa, encodeDt } from './data-id.ts';
import { emptyCodec, type UnitCodec, type UnitHeader } from './unit.ts';

/** 00 F1 全部确认: everything in the frame answered was done. */
export type ConfirmAll = UnitHeader & { readonly kind: 'confirm-all' };
/** 00 F2 全部否认: nothing was done (or there is no such data). */
export type DenyAll = UnitHeader & { readonly kind: 'deny-all' };

/** One line of a per-item answer: the unit it answers and its error code (0: 正确, confirmed). */
export interface ItemResult {
  readonly point: number;
  readonly fn: number;
  /** ERR: 0 confirmed, 1 denied (错误); later codes are kept as sent. */
  readonly errorCode: number;
}

/**
 * 00 F3 按数据单元标识确认和否认: the AFN answered, then DA DT ERR for each unit. Some terminals send it with
 * DT 03 00 (the F1 and F2 bits) instead of 04 00; message.ts reads that as this too.
 */
export interface ItemResults extends UnitHeader {
  readonly kind: 'item-results';
  readonly afn: number;
  readonly items: readonly ItemResult[];
}

export type LinkUnit = ConfirmAll | DenyAll | ItemResults | Login | Logout | Heartbeat;

/** 02 F1 登录: the terminal's first frame on a new link. */
export type Login = UnitHeader & { readonly kind: 'login' };
/** 02 F2 退出登录. */
export type Logout = UnitHeader & { readonly kind: 'logout' };
/** 02 F3 心跳: every heartbeat period (04 F1) while the link is idle. */
export type Heartbeat = UnitHeader & { readonly kind: 'heartbeat' };

const ITEM_LENGTH = 5;

export const itemResultsCodec: UnitCodec<ItemResults> = {
  kind: 'item-results',
  decode(reader: ByteReader, point: number, fn: number): ItemResults {
    const afn = reader.u8('the AFN answered');
    const items: ItemResult[] = [];
    const bytes = reader.bytes;
    while (reader.remaining >= ITEM_LENGTH) {
      const at = reader.offset;
      // Zero bytes where the next DA DT would be: padding after the answer, not an item.
      if (
        ((bytes[at] as number) |
          (bytes[at + 1] as number) |
          (bytes[at + 2] as number) |
          (bytes[at + 3] as number)) ===
        0
      )
        break;
      reader.take(ITEM_LENGTH, 'an item result');
      const points = decodeDa(bytes[at] as number, bytes[at + 1] as number);
      const fns = decodeDt(bytes[at + 2] as number, bytes[at + 3] as number);
      const errorCode = bytes[at + 4] as number;
      for (const itemPoint of points)
        for (const itemFn of fns) items.push({ point: itemPoint, fn: itemFn, errorCode });
    }
    if (items.length === 0 && reader.remaining > 0 && !allZero(reader)) {
      throw new ProtocolError('bad-data', 'a per-item answer with no whole item');
    }
    return { kind: 'item-results', point, fn, afn, items };
  },
  encode(writer: ByteWriter, unit: ItemResults): void {
    writer.u8(unit.afn, 'the AFN answered');
    for (const item of unit.items) {
      const [da1, da2] = encodeDa(item.point);
      const [dt1, dt2] = encodeDt(item.fn);
      writer.u8(da1, 'DA1');
      writer.u8(da2, 'DA2');
      writer.u8(dt1, 'DT1');
      writer.u8(dt2, 'DT2');
      writer.u8(item.errorCode, 'ERR');
    }
  },
};

function allZero(reader: ByteReader): boolean {
  for (let i = reader.offset; i < reader.end; i++) if (reader.bytes[i] !== 0) return false;
  return true;
}

export const confirmAllCodec = emptyCodec('confirm-all');
export const denyAllCodec = emptyCodec('deny-all');
export const loginCodec = emptyCodec('login');
export const logoutCodec = emptyCodec('logout');
export const heartbeatCodec = emptyCodec('heartbeat');
