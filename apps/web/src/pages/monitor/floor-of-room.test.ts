import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorOfLabel, floorOfRoom, roomOfUnit } from './floor-of-room.ts';

describe('the floor of a room', () => {
  it('is the digits before the last two of the room number', () => {
    expect(floorOfRoom('301')).toBe(3);
    expect(floorOfRoom('1203')).toBe(12);
    expect(floorOfRoom('0502')).toBe(5);
  });

  it('is unknown for what is not a room number', () => {
    for (const room of [undefined, '', '12', '0', '007', 'A01', '商铺', '30a', '123456']) {
      expect(floorOfRoom(room), String(room)).toBeUndefined();
    }
  });

  it('reads back the floor of every room numbered floor × 100 + n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 99 }), (floor, n) => {
        expect(floorOfRoom(String(floor * 100 + n))).toBe(floor);
        expect(floorOfRoom(roomOfUnit(`2-1-${floor * 100 + n}`))).toBe(floor);
      }),
    );
  });

  it('takes the room from a customer’s 门牌', () => {
    expect(roomOfUnit('1-2-301')).toBe('301');
    expect(roomOfUnit('R7-1203')).toBe('1203');
    expect(roomOfUnit('3单元502室')).toBe('502');
    expect(roomOfUnit('')).toBeUndefined();
  });

  it('takes the floor of a floor area from its name or code', () => {
    expect(floorOfLabel('3层')).toBe(3);
    expect(floorOfLabel('F03')).toBe(3);
    expect(floorOfLabel('顶层')).toBeUndefined();
  });
});
