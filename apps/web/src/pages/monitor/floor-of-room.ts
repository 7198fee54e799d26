// Where a meter stands in a building when the archive has no floor area for it: the floor its room number
// says. Chinese room numbers are the floor followed by two digits (301 is on the third floor, 1203 on the
// twelfth), and a customer's room (门牌) is written building-unit-room, `1-2-301`.

/** The room of a customer's 门牌: its last part, `1-2-301` → `301`, `3单元502室` → `502`. */
export function roomOfUnit(unit: string): string | undefined {
  const parts = unit
    .replace(/室$/, '')
    .split(/[-–—/\s#单元号楼栋]+/)
    .filter((p) => p !== '');
  return parts.at(-1);
}

/** The floor a room number says: the digits before the last two, `301` → 3, `1203` → 12; else undefined. */
export function floorOfRoom(room: string | undefined): number | undefined {
  const match = room === undefined ? null : /^0*(\d{1,3})(\d{2})$/.exec(room.trim());
  if (match === null) return undefined;
  const floor = Number(match[1]);
  return floor >= 1 ? floor : undefined;
}

/** The floor a floor area names: the first number in its name or code, `3层` or `F03` → 3; else undefined. */
export function floorOfLabel(label: string): number | undefined {
  const match = /\d+/.exec(label);
  const floor = match === null ? 0 : Number(match[0]);
  return floor >= 1 ? floor : undefined;
}
