// An .xlsx is a zip: a few kilobytes can unpack to gigabytes (a "zip bomb"), and the spreadsheet library
// unpacks everything into memory before it reads a cell. This reads the zip's central directory, refuses a
// file whose entries claim more than the cap, then inflates each entry against what is left of the cap (so
// an entry that lies about its size is stopped there too) and counts the rows of every worksheet.
import { inflateRawSync } from 'node:zlib';

export interface UnpackLimits {
  /** Every entry unpacked, together. */
  readonly unpackedBytes: number;
  /** Rows of any one worksheet (the highest row number or the number of rows, whichever is more). */
  readonly rows: number;
}

/** Why a zip was refused: `unpacked` and `rows` are limits, `format` a file that is not a readable zip. */
export class ZipCheckError extends Error {
  override readonly name = 'ZipCheckError';
  readonly kind: 'unpacked' | 'rows' | 'format';
  constructor(kind: 'unpacked' | 'rows' | 'format', message: string) {
    super(message);
    this.kind = kind;
  }
}

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;
const zip64Marker = 0xffffffff;
const worksheet = /^xl\/worksheets\/[^/]+\.xml$/;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function broken(reason: string): ZipCheckError {
  return new ZipCheckError('format', reason);
}

function findEndOfDirectory(zip: Buffer): number {
  // The record is 22 bytes, followed by a comment of at most 65 535.
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === endOfDirectory) return at;
  }
  throw broken('not an .xlsx workbook');
}

function directory(zip: Buffer): Entry[] {
  if (zip.length < 22) throw broken('not an .xlsx workbook');
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const start = zip.readUInt32LE(end + 16);
  if (count === 0xffff || start === zip64Marker) throw broken('ZIP64 workbooks are not supported');
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== directoryEntry)
      throw broken('a damaged zip directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: Entry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (
      entry.size === zip64Marker ||
      entry.compressedSize === zip64Marker ||
      entry.localOffset === zip64Marker
    )
      throw broken('ZIP64 workbooks are not supported');
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function tooLarge(limits: UnpackLimits): ZipCheckError {
  return new ZipCheckError('unpacked', `unpacks to more than ${limits.unpackedBytes} bytes`);
}

function unpack(zip: Buffer, entry: Entry, budget: number, limits: UnpackLimits): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== localHeader) throw broken('a damaged zip entry');
  const dataStart = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(dataStart, dataStart + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw broken(`zip compression method ${entry.method} is not supported`);
  try {
    // One byte more than what is left: reaching it means the entry would pass the cap.
    const out = inflateRawSync(data, { maxOutputLength: budget + 1 });
    if (out.length > budget) throw tooLarge(limits);
    return out;
  } catch (error) {
    if (error instanceof ZipCheckError) throw error;
    if (error instanceof RangeError) throw tooLarge(limits);
    throw broken('a damaged zip entry');
  }
}

const rowTag = /<(?:[A-Za-z_][\w.-]*:)?row(?=[\s>/])([^>]*)>/g;
const rowNumber = /\br="(\d+)"/;

/** The rows a worksheet's XML would make: its highest row number, or its count of rows if more. */
export function worksheetRows(xml: string): number {
  let count = 0;
  let highest = 0;
  for (const match of xml.matchAll(rowTag)) {
    count += 1;
    const r = rowNumber.exec(match[1] ?? '');
    if (r !== null) highest = Math.max(highest, Number(r[1]));
  }
  return Math.max(count, highest);
}

/** Throws a `ZipCheckError` unless the .xlsx is within the limits; reads nothing but the zip. */
export function checkXlsx(zip: Buffer, limits: UnpackLimits): void {
  const entries = directory(zip);
  const claimed = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (claimed > limits.unpackedBytes) throw tooLarge(limits);
  let budget = limits.unpackedBytes;
  for (const entry of entries) {
    const out = unpack(zip, entry, budget, limits);
    budget -= out.length;
    if (worksheet.test(entry.name) && worksheetRows(out.toString('latin1')) > limits.rows)
      throw new ZipCheckError('rows', `more than ${limits.rows} rows`);
  }
}
