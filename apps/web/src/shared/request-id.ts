/**
 * A request id for one click on a command: the server sends a command once per id, so a double click or
 * a retried request never trips a relay twice. `crypto.getRandomValues` works on plain http too, where
 * `crypto.randomUUID` does not.
 */
export function newRequestId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) {
  const bytes = random(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
