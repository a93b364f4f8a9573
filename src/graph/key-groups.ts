/**
 * Key groups (docs/architecture.md, principle 6): a key hashes to one of maxParallelism key groups; a subtask
 * owns a contiguous range of key groups. The hash must be identical in every worker and process,
 * so it is computed from the key's value, never from object identity.
 */
import { fmix32 } from "../util/fmix32.js";

/** Keys must hash identically in every worker and process, so they are restricted to plain values. */
export type Key = string | number | boolean | bigint | readonly Key[];

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** A stable hash of a key; equal keys (by value) hash equally everywhere. */
export function hashKey(key: Key): number {
  return fmix32(hashInto(0x811c9dc5, key));
}

function hashInto(h: number, key: Key): number {
  switch (typeof key) {
    case "string":
      return mixString(Math.imul(h ^ 0x73, 0x01000193), key);
    case "number":
      if (Number.isInteger(key) && key >= -0x80000000 && key <= 0x7fffffff) return Math.imul(h ^ (key | 0), 0x01000193) ^ 0x6e;
      f64[0] = key;
      return Math.imul(Math.imul(h ^ u32[0]!, 0x01000193) ^ u32[1]!, 0x01000193);
    case "boolean":
      return Math.imul(h ^ (key ? 0x62 : 0x42), 0x01000193);
    case "bigint":
      return mixString(Math.imul(h ^ 0x6e62, 0x01000193), key.toString());
    default:
      if (Array.isArray(key)) {
        h = Math.imul(h ^ 0x5b ^ key.length, 0x01000193);
        for (const k of key as readonly Key[]) h = hashInto(h, k);
        return h;
      }
      throw new TypeError(`a key must be a string, number, boolean, bigint or an array of them; got ${describe(key)}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  return typeof v === "object" ? `an object (${Object.prototype.toString.call(v)})` : typeof v;
}

export function keyGroupFor(key: Key, maxParallelism: number): number {
  return hashKey(key) % maxParallelism;
}

/** The subtask that owns a key group (Flink's formula: contiguous ranges). */
export function subtaskForKeyGroup(keyGroup: number, maxParallelism: number, parallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** The key groups [start, end] owned by a subtask; the inverse of subtaskForKeyGroup. */
export function keyGroupRange(maxParallelism: number, parallelism: number, subtask: number): { start: number; end: number } {
  return {
    start: Math.ceil((subtask * maxParallelism) / parallelism),
    end: Math.ceil(((subtask + 1) * maxParallelism) / parallelism) - 1,
  };
}
