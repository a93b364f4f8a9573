/**
 * Memory sizes as Flink writes them (MemorySize): a number of bytes, optionally followed by a unit;
 * k, m, g and t are binary multiples (1 kb = 1024 bytes), as in Flink.
 */
import { ConfigurationError } from "./configuration.js";

const UNIT_BYTES: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1024,
  kb: 1024,
  kibibyte: 1024,
  kibibytes: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mebibyte: 1024 ** 2,
  mebibytes: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gibibyte: 1024 ** 3,
  gibibytes: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tebibyte: 1024 ** 4,
  tebibytes: 1024 ** 4,
};

/** Bytes in `raw` ("64 mb", "512k", "10485760b", "1048576"); fails naming `key`. */
export function parseByteSize(raw: string, key: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.trim());
  const factor = m ? UNIT_BYTES[m[2]!.toLowerCase()] : undefined;
  const bytes = m && factor !== undefined ? Math.round(Number(m[1]) * factor) : NaN;
  if (!Number.isSafeInteger(bytes)) throw new ConfigurationError(`${key} must be a memory size such as "64 mb", "512 kb" or "1048576" (bytes), got "${raw}"`);
  return bytes;
}

/** The largest unit that divides `bytes` exactly: 67108864 → "64 mb". */
export function formatByteSize(bytes: number): string {
  for (const [unit, factor] of [["tb", 1024 ** 4], ["gb", 1024 ** 3], ["mb", 1024 ** 2], ["kb", 1024]] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor} ${unit}`;
  }
  return `${bytes} bytes`;
}
