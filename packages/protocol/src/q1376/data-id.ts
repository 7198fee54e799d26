// 数据单元标识 (§5.1.1.2): DA (DA1 DA2) names measuring points, DT (DT1 DT2) names functions.
// DA2 is a group number (1–255, points 8·(DA2−1)+1 … 8·DA2) and DA1 a bit per point of the group; DA1 = DA2 = 0
// is p0, the terminal itself, and DA1 = FFH with DA2 = 0 all valid points. DT2 is a group (0–30, Fn
// 8·DT2+1 … 8·DT2+8) and DT1 a bit per Fn. Several bits name several points or functions at once.
import { ProtocolError } from '../errors.ts';

/** p0: the terminal itself, not a measuring point. */
export const TERMINAL_POINT = 0;
/** DA1 = FFH, DA2 = 00H: every valid measuring point (in a request). */
export const ALL_POINTS = 0xffff;
/** The highest measuring point a DA can name (255 groups of 8). */
export const MAX_POINT = 2040;
/** The highest Fn a DT can name (DT2 ≤ 30, §5.1.1.2.2). */
export const MAX_FN = 248;

/** DA for one point: p0, a point 1–2040, or ALL_POINTS. */
export function encodeDa(point: number): [number, number] {
  if (point === TERMINAL_POINT) return [0, 0];
  if (point === ALL_POINTS) return [0xff, 0];
  if (!Number.isInteger(point) || point < 1 || point > MAX_POINT) {
    throw new ProtocolError('bad-value', `measuring point ${point} is not 0–${MAX_POINT}`);
  }
  const index = point - 1;
  return [1 << (index & 7), (index >> 3) + 1];
}

/** DT for one function. */
export function encodeDt(fn: number): [number, number] {
  if (!Number.isInteger(fn) || fn < 1 || fn > MAX_FN) {
    throw new ProtocolError('bad-value', `function F${fn} is not F1–F${MAX_FN}`);
  }
  const index = fn - 1;
  return [1 << (index & 7), index >> 3];
}

/** The points a DA names, ascending. */
export function decodeDa(da1: number, da2: number): number[] {
  if (da2 === 0) {
    if (da1 === 0) return [TERMINAL_POINT];
    if (da1 === 0xff) return [ALL_POINTS];
    throw new ProtocolError('bad-data', `DA ${da1.toString(16)} 00 names points of group 0`);
  }
  const points: number[] = [];
  for (let bit = 0; bit < 8; bit++) {
    if ((da1 & (1 << bit)) !== 0) points.push((da2 - 1) * 8 + bit + 1);
  }
  if (points.length === 0) throw new ProtocolError('bad-data', `DA 00 ${da2.toString(16)} names no point`);
  return points;
}

/** The functions a DT names, ascending. */
export function decodeDt(dt1: number, dt2: number): number[] {
  if (dt2 > 30) throw new ProtocolError('bad-data', `DT group ${dt2} is above 30`);
  const fns: number[] = [];
  for (let bit = 0; bit < 8; bit++) {
    if ((dt1 & (1 << bit)) !== 0) fns.push(dt2 * 8 + bit + 1);
  }
  if (fns.length === 0) throw new ProtocolError('bad-data', `DT 00 ${dt2.toString(16)} names no function`);
  return fns;
}
