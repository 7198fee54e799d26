// The last records of one kind of event, newest first, with the running count. DL/T 645-2007 Table A.4
// keeps the last 10 of each (上1次 … 上10次) and a total count that keeps counting.
export const RECORDS_KEPT = 10;

export class EventLog<T> {
  count = 0;
  private readonly records: T[] = [];
  private readonly keep: number;

  constructor(keep = RECORDS_KEPT) {
    this.keep = keep;
  }

  add(record: T): void {
    this.count++;
    this.records.unshift(record);
    if (this.records.length > this.keep) this.records.pop();
  }

  /** The n-th last record, 1 = newest. */
  last(n: number): T | undefined {
    return this.records[n - 1];
  }

  get size(): number {
    return this.records.length;
  }

  clear(): void {
    this.count = 0;
    this.records.length = 0;
  }

  all(): readonly T[] {
    return this.records;
  }
}
