/** FNV-1a over a string's UTF-16 code units: stable across processes and runs (names of transactions, owners of splits). */
export function stringHash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The hash in base 36: a short stable tag for a long name (e.g. an operator uid in a transaction id). */
export function shortHash(text: string): string {
  return stringHash32(text).toString(36);
}
