/**
 * A StateMap that notes which entries may have changed, in front of the wrapped backend's map (the
 * state changelog's view of one table's key group). Writes and deletes are changes; so is reading
 * an object, because state code changes the objects it reads in place (lists grow, per-namespace
 * Maps and timers are updated: keyed-state-backend.ts). Primitives read are not changes.
 */
import type { StateMap } from "../keyed-state-backend.js";
import type { StateKey } from "../state-key.js";

const isObject = (v: unknown): boolean => v !== null && typeof v === "object";

export class TrackingStateMap<V> implements StateMap<V> {
  /** Entries changed (or possibly changed) since the changes were last taken. */
  changed = new Set<StateKey>();

  constructor(readonly inner: StateMap<V>) {}

  /** The changed entries so far; tracking starts afresh. */
  takeChanged(): Set<StateKey> {
    const taken = this.changed;
    this.changed = new Set();
    return taken;
  }

  get(key: StateKey): V | undefined {
    const v = this.inner.get(key);
    if (isObject(v)) this.changed.add(key);
    return v;
  }
  set(key: StateKey, value: V): void {
    this.changed.add(key);
    this.inner.set(key, value);
  }
  delete(key: StateKey): boolean {
    this.changed.add(key);
    return this.inner.delete(key);
  }
  has(key: StateKey): boolean {
    return this.inner.has(key);
  }
  get size(): number {
    return this.inner.size;
  }
  keys(): IterableIterator<StateKey> {
    return this.inner.keys();
  }
  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
  *entries(): IterableIterator<[StateKey, V]> {
    for (const entry of this.inner.entries()) {
      if (isObject(entry[1])) this.changed.add(entry[0]);
      yield entry;
    }
  }
  [Symbol.iterator](): IterableIterator<[StateKey, V]> {
    return this.entries();
  }
}
