import type { Locale } from '../../errors.ts';
import { type RowProblem, rowProblem } from './row-problems.ts';

/** Reads the cells of one data row, collecting a problem for each bad one rather than stopping at the first. */
export class RowReader<Key extends string> {
  readonly problems: RowProblem[] = [];
  readonly #cells: readonly string[];
  readonly #index: ReadonlyMap<Key, number>;
  readonly #line: number;
  readonly #locale: Locale;

  constructor(cells: readonly string[], index: ReadonlyMap<Key, number>, line: number, locale: Locale) {
    this.#cells = cells;
    this.#index = index;
    this.#line = line;
    this.#locale = locale;
  }

  raw(key: Key): string {
    const position = this.#index.get(key);
    return position === undefined ? '' : (this.#cells[position] ?? '').trim();
  }

  text(key: Key, options: { required?: boolean; maxLength?: number; noSpaces?: boolean } = {}): string {
    const value = this.raw(key);
    if (value === '') {
      if (options.required === true) this.problem(key, 'required');
      return value;
    }
    if (value.length > (options.maxLength ?? 200)) this.problem(key, 'tooLong');
    else if (options.noSpaces === true && /\s/.test(value)) this.problem(key, 'badCode');
    return value;
  }

  /** A whole number; empty means `fallback`. */
  integer(key: Key, fallback: number, minimum: 0 | 1): number {
    const value = this.raw(key);
    if (value === '') return fallback;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < minimum) {
      this.problem(key, minimum === 1 ? 'notPositive' : 'notInteger');
      return fallback;
    }
    return parsed;
  }

  problem(key: string, code: Parameters<typeof rowProblem>[2]): void {
    this.problems.push(rowProblem(this.#line, key, code, this.#locale));
  }

  get empty(): boolean {
    return this.#cells.every((cell) => cell.trim() === '');
  }
}
