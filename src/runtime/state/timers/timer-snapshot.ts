/**
 * Timers in snapshots: the tables of a key group's bytes (key-group-format.ts) that hold timers,
 * and how a restore reads them, whatever queue or backend wrote them. Three layouts:
 *
 * - "_timer-lmdb:<queue>": one entry per timer, key = ordered-timer-key.ts, value = the namespace.
 *   The LMDB queue's store as it is (its snapshot is the LMDB backend's range scan); the LMDB
 *   backend writes heap queues this way too. The LMDB queue's per-key index
 *   ("_timer-lmdb-keys:<queue>") is derived from it: left out of snapshots, rebuilt on restore.
 * - "_timer-heap:<queue>": one entry per key, value = [timestamp, registration number, ns,
 *   namespace, ...] for each of the key's timers; what the heap backend writes (cheap to build in
 *   the synchronous part, no string per timer).
 * - "_timers:<queue>": what the timer service of earlier versions kept in keyed state (per key a
 *   timer object, an array of them or a Map timestamp → timers); read so old savepoints resume.
 *
 * The queue's name is "<domain>" or "<domain>:<operator's name for it>".
 */
import { deserialize } from "node:v8";
import type { Namespace } from "../state-cell.js";
import { readStateKey } from "../state-key-codec.js";
import type { StateKey } from "../state-key.js";
import { decodeOrderedTimerKey } from "./ordered-timer-key.js";

export const ORDERED_TIMER_TABLE = "_timer-lmdb:";
export const HEAP_TIMER_TABLE = "_timer-heap:";
export const TIMER_INDEX_TABLE = "_timer-lmdb-keys:";
const LEGACY_TIMER_TABLE = "_timers:";

/** A timer read back from a snapshot. `seq` orders equal timestamps where the layout kept it. */
export interface RestoredTimer {
  timestamp: number;
  stateKey: StateKey;
  ns: Namespace;
  namespace: unknown;
  seq: number;
}

/** Whether a table only indexes another (left out of snapshots, ignored on restore). */
export function isDerivedTimerTable(table: string): boolean {
  return table.startsWith(TIMER_INDEX_TABLE);
}

/** The queue a snapshot table belongs to, or undefined for a table of ordinary state. */
export function timerQueueOf(table: string): string | undefined {
  for (const prefix of [ORDERED_TIMER_TABLE, HEAP_TIMER_TABLE, LEGACY_TIMER_TABLE]) {
    if (table.startsWith(prefix)) return table.slice(prefix.length);
  }
  return undefined;
}

/** The timers of one object-layout entry of a timer table. */
export function* timersOfObjectEntry(table: string, key: StateKey, value: unknown): Generator<RestoredTimer> {
  if (table.startsWith(ORDERED_TIMER_TABLE)) {
    const { timestamp, seq, stateKey, ns } = decodeOrderedTimerKey(key as string);
    yield { timestamp, stateKey, ns, namespace: value, seq };
  } else if (table.startsWith(HEAP_TIMER_TABLE)) {
    const packed = value as unknown[];
    for (let i = 0; i < packed.length; i += 4) {
      yield { timestamp: packed[i] as number, seq: packed[i + 1] as number, ns: packed[i + 2] as Namespace, namespace: packed[i + 3], stateKey: key };
    }
  } else {
    type Legacy = { timestamp: number; namespace: unknown; ns: Namespace; seq: number };
    const cur = value as Legacy | Legacy[] | Map<number, Legacy[]>;
    const all = cur instanceof Map ? [...cur.values()].flat() : Array.isArray(cur) ? cur : [cur];
    for (const t of all) yield { timestamp: t.timestamp, seq: t.seq, ns: t.ns, namespace: t.namespace, stateKey: key };
  }
}

/** The timers of one serialized-layout entry of a timer table (the LMDB backend's snapshots). */
export function timersOfSerializedEntry(table: string, key: Uint8Array, value: Uint8Array): Iterable<RestoredTimer> {
  return timersOfObjectEntry(table, readStateKey(key), deserialize(value));
}
