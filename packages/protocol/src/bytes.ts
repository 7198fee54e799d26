/** The parts one after another in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const result = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    result.set(part, at);
    at += part.length;
  }
  return result;
}

/** A copy of bytes[offset, offset + length) in reverse order (wire order ↔ reading order). */
export function reversedBytes(bytes: Uint8Array, offset = 0, length = bytes.length - offset): Uint8Array {
  const copy = new Uint8Array(length);
  for (let i = 0; i < length; i++) copy[i] = bytes[offset + length - 1 - i] as number;
  return copy;
}
