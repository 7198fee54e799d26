// Readings kept while the database cannot take them: a bounded queue in memory that spills to an append-only
// file when it fills (one JSON line a batch), drained oldest first once the database returns. Order holds
// because nothing goes back to memory while the file has lines: the file's batches are always the newest.
// The file has a size cap: past it a batch is refused, counted and said loudly, never a crash. Storing is
// idempotent on (meter, read at), so a batch drained twice (the process ended mid-drain) counts once.
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { EnergyReading, InstantReading } from '../repositories/readings.ts';

/** One batch of rows as the store sink built them (before validation gives them flags). */
export interface SpooledBatch {
  readonly energy: readonly EnergyReading[];
  readonly instant: readonly InstantReading[];
}

export interface ReadingSpoolOptions {
  /** Where the spill file lives (created if missing); unset, readings are kept in memory only. */
  readonly directory?: string;
  /** Rows kept in memory before batches spill to the file (default 10 000). */
  readonly memoryRows?: number;
  /** The spill file's cap in bytes (default 256 MiB); past it batches are refused. */
  readonly maxFileBytes?: number;
  /** A batch was refused because the buffer is full: `rows` rows are lost. */
  readonly onFull?: (rows: number, reason: string) => void;
}

export interface SpoolStats {
  /** Rows waiting for the database, in memory and on disk. */
  readonly bufferedRows: number;
  /** Of those, rows in the spill file. */
  readonly spilledRows: number;
  /** Bytes of the spill file not yet drained. */
  readonly spilledBytes: number;
  /** Rows refused since start because the buffer was full. */
  readonly droppedRows: number;
}

export const spoolFileName = 'readings.spool';

const rowsOf = (batch: SpooledBatch) => batch.energy.length + batch.instant.length;

/** A line of the file read back: its batch and its length in bytes, newline included. */
interface FileBatch {
  readonly batch: SpooledBatch | undefined;
  readonly bytes: number;
  readonly rows: number;
}

export class ReadingSpool {
  private readonly options: ReadingSpoolOptions;
  private readonly file: string | undefined;
  private memory: SpooledBatch[] = [];
  private memoryRowCount = 0;
  /** Bytes in the file, and how many of them (from its start) have been stored already. */
  private fileBytes = 0;
  private drainedBytes = 0;
  private fileRowCount = 0;
  /** Lines read from the file and not yet stored, oldest first. */
  private fromFile: FileBatch[] = [];
  private readBytes = 0;
  private dropped = 0;

  constructor(options: ReadingSpoolOptions = {}) {
    this.options = options;
    if (options.directory !== undefined) {
      // Households' consumption: readable by this service's user only.
      mkdirSync(options.directory, { recursive: true, mode: 0o700 });
      this.file = join(options.directory, spoolFileName);
      // Batches a stopped process left behind come first.
      if (existsSync(this.file)) {
        this.fileBytes = statSync(this.file).size;
        this.fileRowCount = this.readLines(0, this.fileBytes).reduce((n, line) => n + line.rows, 0);
      }
    }
  }

  get stats(): SpoolStats {
    const spilledRows = this.fileRowCount;
    return {
      bufferedRows: this.memoryRowCount + spilledRows,
      spilledRows,
      spilledBytes: this.fileBytes - this.drainedBytes,
      droppedRows: this.dropped,
    };
  }

  get empty(): boolean {
    return this.memory.length === 0 && this.fileBytes === this.drainedBytes;
  }

  /** Keeps a batch; false (and `onFull` told) when the buffer is full and the batch is lost. */
  add(batch: SpooledBatch): boolean {
    const rows = rowsOf(batch);
    if (rows === 0) return true;
    const memoryRows = this.options.memoryRows ?? 10_000;
    const toFile = this.fileBytes > this.drainedBytes || this.memoryRowCount + rows > memoryRows;
    if (!toFile) {
      this.memory.push(batch);
      this.memoryRowCount += rows;
      return true;
    }
    if (this.file === undefined) return this.refuse(rows, `the memory buffer holds ${memoryRows} rows`);
    const line = `${JSON.stringify(batch)}\n`;
    const bytes = Buffer.byteLength(line);
    const cap = this.options.maxFileBytes ?? 256 * 1024 * 1024;
    if (this.fileBytes - this.drainedBytes + bytes > cap) {
      return this.refuse(rows, `the spool file ${this.file} reached its cap of ${cap} bytes`);
    }
    try {
      appendFileSync(this.file, line, { mode: 0o600 });
    } catch (error) {
      return this.refuse(rows, `the spool file ${this.file} cannot be written: ${(error as Error).message}`);
    }
    this.fileBytes += bytes;
    this.fileRowCount += rows;
    return true;
  }

  /** The oldest batch waiting, without taking it (`shift` does, once it is stored). */
  peek(): SpooledBatch | undefined {
    const inMemory = this.memory[0];
    if (inMemory !== undefined) return inMemory;
    for (;;) {
      const next = this.fromFile[0];
      if (next === undefined) {
        if (!this.loadMore()) return undefined;
        continue;
      }
      if (next.batch !== undefined) return next.batch;
      // A line cut short when a process died in the middle of writing it: its rows never were acknowledged.
      this.fromFile.shift();
      this.consumed(next);
    }
  }

  /** Takes the oldest batch, which has been stored. */
  shift(): void {
    const inMemory = this.memory.shift();
    if (inMemory !== undefined) {
      this.memoryRowCount -= rowsOf(inMemory);
      return;
    }
    const line = this.fromFile.shift();
    if (line !== undefined) this.consumed(line);
  }

  /**
   * Writes what memory holds to the file, ahead of what the file holds, so a process stopping while the
   * database is down loses nothing (memory only: nothing to do).
   */
  persist(): void {
    if (this.file === undefined || this.memory.length === 0) return;
    const head = this.memory.map((batch) => `${JSON.stringify(batch)}\n`).join('');
    const rest = this.readRaw(this.drainedBytes, this.fileBytes);
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(head), rest]), { mode: 0o600 });
    renameSync(temporary, this.file);
    this.fileBytes = statSync(this.file).size;
    this.fileRowCount += this.memoryRowCount;
    this.drainedBytes = 0;
    this.readBytes = 0;
    this.fromFile = [];
    this.memory = [];
    this.memoryRowCount = 0;
  }

  private refuse(rows: number, reason: string): false {
    this.dropped += rows;
    this.options.onFull?.(rows, reason);
    return false;
  }

  private consumed(line: FileBatch): void {
    this.drainedBytes += line.bytes;
    this.fileRowCount -= line.rows;
    if (this.drainedBytes >= this.fileBytes && this.file !== undefined) {
      // All stored: the file starts again empty.
      rmSync(this.file, { force: true });
      this.fileBytes = 0;
      this.drainedBytes = 0;
      this.readBytes = 0;
      this.fileRowCount = 0;
      this.fromFile = [];
    }
  }

  /** Reads the file's next lines (up to a few MiB); false when there is nothing more. */
  private loadMore(): boolean {
    if (this.file === undefined || this.readBytes >= this.fileBytes) return false;
    const end = Math.min(this.fileBytes, this.readBytes + 4 * 1024 * 1024);
    const lines = this.readLines(this.readBytes, end);
    if (lines.length === 0) {
      // One line longer than the window: take it whole.
      lines.push(...this.readLines(this.readBytes, this.fileBytes));
    }
    for (const line of lines) this.readBytes += line.bytes;
    this.fromFile.push(...lines);
    return lines.length > 0;
  }

  private readRaw(start: number, end: number): Buffer {
    if (this.file === undefined || end <= start) return Buffer.alloc(0);
    const buffer = Buffer.alloc(end - start);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, start);
    } finally {
      closeSync(fd);
    }
    return buffer;
  }

  /** The whole lines between `start` and `end` (a last line without its newline counts when at the end). */
  private readLines(start: number, end: number): FileBatch[] {
    const raw = this.readRaw(start, end);
    const lines: FileBatch[] = [];
    let from = 0;
    while (from < raw.length) {
      let newline = raw.indexOf(0x0a, from);
      if (newline < 0) {
        if (end < this.fileBytes) break;
        newline = raw.length - 1;
      }
      const text = raw.subarray(from, newline + 1).toString('utf8');
      const batch = parseBatch(text);
      lines.push({ batch, bytes: newline + 1 - from, rows: batch === undefined ? 0 : rowsOf(batch) });
      from = newline + 1;
    }
    return lines;
  }
}

function parseBatch(text: string): SpooledBatch | undefined {
  try {
    const value = JSON.parse(text) as Partial<SpooledBatch>;
    return Array.isArray(value.energy) && Array.isArray(value.instant)
      ? { energy: value.energy, instant: value.instant }
      : undefined;
  } catch {
    return undefined;
  }
}
