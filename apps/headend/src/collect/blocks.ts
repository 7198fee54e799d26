// Data blocks (DI1 or DI0 = FFH) read many items in one exchange; not every meter supports every block.
// When a meter refuses a block, the same items are read one by one, and the refusal is remembered per meter
// type so that the next meter of that type goes straight to single items.

export interface BlockDefinition {
  /** The block identifier. */
  readonly block: number;
  /** The single items, in the order the block carries them. */
  readonly items: readonly number[];
}

const range = (first: number, count: number, step = 0x100): number[] =>
  Array.from({ length: count }, (_, i) => first + i * step);

/** DL/T 645-2007 blocks the head-end reads, with their items (Annex A). */
export const BLOCKS_2007: readonly BlockDefinition[] = [
  { block: 0x0001ff00, items: range(0x00010000, 5) }, // forward active energy: total, tariffs 1–4
  { block: 0x0002ff00, items: range(0x00020000, 5) }, // reverse active energy
  { block: 0x0201ff00, items: range(0x02010100, 3) }, // voltage A, B, C
  { block: 0x0202ff00, items: range(0x02020100, 3) }, // current A, B, C
  { block: 0x0203ff00, items: range(0x02030000, 4) }, // active power total, A, B, C
  { block: 0x0206ff00, items: range(0x02060000, 4) }, // power factor total, A, B, C
];

/** DL/T 645-1997 blocks (DI0 low nibble F). */
export const BLOCKS_1997: readonly BlockDefinition[] = [
  { block: 0x901f, items: range(0x9010, 5, 1) },
  { block: 0x902f, items: range(0x9020, 5, 1) },
  { block: 0xb61f, items: range(0xb611, 3, 1) },
  { block: 0xb62f, items: range(0xb621, 3, 1) },
];

export class BlockSupport {
  private readonly refused = new Map<string, Set<number>>();

  /** False once a meter of this type has refused the block. */
  isSupported(meterType: string, block: number): boolean {
    return !(this.refused.get(meterType)?.has(block) ?? false);
  }

  markRefused(meterType: string, block: number): void {
    let blocks = this.refused.get(meterType);
    if (blocks === undefined) {
      blocks = new Set();
      this.refused.set(meterType, blocks);
    }
    blocks.add(block);
  }
}
