/**
 * A timer as one ordered key: what the LMDB queue stores, and the layout of every snapshot table
 * "_timer-lmdb:<queue>" (so either queue restores the other's). The key is an ASCII string:
 * 16 hex digits of the timestamp made sortable (IEEE 754 bits, sign flipped), 13 hex digits of
 * the registration number (so equal timestamps fire in registration order on both queues), then
 * JSON of [state key, namespace] (which makes the key unique per timer). The state-key codec
 * writes strings as their UTF-8 bytes, so LMDB's byte order is this order, and JavaScript's string
 * order (ASCII) is the same: the in-memory head cache and the store agree on what comes first.
 */
import type { Namespace } from "../state-cell.js";
import type { StateKey } from "../state-key.js";

const scratch = new DataView(new ArrayBuffer(8));

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/** The timestamp as 16 hex digits whose string order is the numeric order. */
export function sortableTimestamp(timestamp: number): string {
  scratch.setFloat64(0, timestamp === 0 ? 0 : timestamp);
  let hi = scratch.getUint32(0);
  let lo = scratch.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hex8(hi) + hex8(lo);
}

export function timestampOf(orderedKey: string): number {
  let hi = Number.parseInt(orderedKey.slice(0, 8), 16);
  let lo = Number.parseInt(orderedKey.slice(8, 16), 16);
  if (hi & 0x80000000) {
    hi = (hi & 0x7fffffff) >>> 0;
  } else {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  }
  scratch.setUint32(0, hi);
  scratch.setUint32(4, lo);
  return scratch.getFloat64(0);
}

const NON_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string): string => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");

const SEQ_DIGITS = 13;
const TIE_START = 16 + SEQ_DIGITS;

export function orderedTimerKey(timestamp: number, seq: number, stateKey: StateKey, ns: Namespace): string {
  const k = typeof stateKey === "bigint" ? { n: stateKey.toString() } : stateKey;
  return sortableTimestamp(timestamp) + seq.toString(16).padStart(SEQ_DIGITS, "0") + JSON.stringify([k, ns]).replace(NON_ASCII, escape);
}

export interface DecodedTimerKey {
  timestamp: number;
  seq: number;
  stateKey: StateKey;
  ns: Namespace;
}

export function decodeOrderedTimerKey(orderedKey: string): DecodedTimerKey {
  const [k, ns] = JSON.parse(orderedKey.slice(TIE_START)) as [StateKey | { n: string }, Namespace];
  const stateKey = typeof k === "object" && k !== null ? BigInt(k.n) : k;
  return { timestamp: timestampOf(orderedKey), seq: Number.parseInt(orderedKey.slice(16, TIE_START), 16), stateKey, ns };
}

/** The registration number of an ordered key. */
export function seqOf(orderedKey: string): number {
  return Number.parseInt(orderedKey.slice(16, TIE_START), 16);
}
