/**
 * The heap backend's StateMap: a native Map whose entries carry the state version they were
 * written in, so that a snapshot can pin a version and read it out while processing goes on
 * (Flink's CopyOnWriteStateMap; docs/architecture.md, "Snapshots that do not stop the task").
 *
 * - A snapshot pins version s (StateVersions.pin): O(1) per map, nothing is copied. Entries
 *   written before it (version < s) are what the snapshot holds.
 * - Writes after the pin copy the entry they touch: a set or delete of an entry the pin still
 *   needs moves that entry into the pin's `retained` Map and puts a new entry (version ≥ s) in
 *   the live Map. Writes to entries written since the pin change them in place.
 * - State code modifies values it reads in place (a list's push, a window's per-key Map), so a
 *   read of an object value the pin still needs is a write too: the live side gets a deep copy
 *   (state-value-copy.ts), the pin keeps the original (Flink copies on get the same way).
 * - The snapshot reads the live Map (a JavaScript Map iterator sees the Map as it is when it gets
 *   there: replaced entries in place, deleted ones not at all), skipping entries of version ≥ s,
 *   then the entries retained for it. An entry it has read is marked with its id, so a write
 *   after that does not retain it again (which would write it twice).
 * - Once the snapshot has read a map, it unpins it: writes to that map are free again.
 *
 * Several snapshots may be pinned at once (max-concurrent checkpoints > 1); they read their maps
 * one after the other (the backend chains them), so only one marks entries at a time.
 */
import type { StateMap } from "../keyed-state-backend.js";
import type { StateKey } from "../state-key.js";
import { copyStateValue } from "./state-value-copy.js";
import type { PinnableKeyGroup, StatePin, StateVersions } from "./state-pin.js";

interface Entry<V> {
  value: V;
  /** The state version the value was written in. */
  version: number;
  /** The id of the last pin that read the entry into its snapshot (0: none). */
  readBy: number;
}

interface MapPin<V> {
  readonly pin: StatePin;
  /** Entries the pin needs that the live Map no longer has (overwritten, copied or deleted after the pin). */
  retained: Map<StateKey, Entry<V>> | undefined;
  /** The pin is reading this map out: entries marked with its id are written already. */
  reading: boolean;
}

export class CopyOnWriteStateMap<V> implements StateMap<V>, PinnableKeyGroup {
  private readonly live = new Map<StateKey, Entry<V>>();
  /** The pins that have not read this map yet, oldest first. */
  private pins: MapPin<V>[] = [];
  /**
   * Entries of a lower version may be held by a pin: the newest pin's version, 0 without pins
   * (every entry has a version ≥ 0), so the unpinned fast path is one comparison.
   */
  private pinnedBelow = 0;

  constructor(
    private readonly versions: StateVersions,
    /** Copies a value a pin holds before it is handed out to be modified. */
    public valueCopy: (value: V) => V = copyStateValue,
  ) {}

  get size(): number {
    return this.live.size;
  }

  has(key: StateKey): boolean {
    return this.live.has(key);
  }

  get(key: StateKey): V | undefined {
    const e = this.live.get(key);
    if (e === undefined) return undefined;
    return e.version >= this.pinnedBelow ? e.value : this.writable(key, e);
  }

  set(key: StateKey, value: V): void {
    const e = this.live.get(key);
    if (e === undefined) this.live.set(key, { value, version: this.versions.version, readBy: 0 });
    else if (e.version >= this.pinnedBelow) e.value = value;
    else {
      this.retain(key, e);
      this.live.set(key, { value, version: this.versions.version, readBy: 0 });
    }
  }

  delete(key: StateKey): boolean {
    const e = this.live.get(key);
    if (e === undefined) return false;
    if (e.version < this.pinnedBelow) this.retain(key, e);
    return this.live.delete(key);
  }

  keys(): IterableIterator<StateKey> {
    return this.live.keys();
  }

  *values(): IterableIterator<V> {
    for (const [k, e] of this.live) yield e.version >= this.pinnedBelow ? e.value : this.writable(k, e);
  }

  *entries(): IterableIterator<[StateKey, V]> {
    for (const [k, e] of this.live) yield [k, e.version >= this.pinnedBelow ? e.value : this.writable(k, e)];
  }

  [Symbol.iterator](): IterableIterator<[StateKey, V]> {
    return this.entries();
  }

  // ---- the snapshot's side ---------------------------------------------------------------------

  /** The synchronous part of a snapshot: from now on writes keep what `pin` holds. */
  pin(pin: StatePin): void {
    this.pins.push({ pin, retained: undefined, reading: false });
    this.pinnedBelow = pin.version;
  }

  /** Gives up `pin`'s claim (read out or released); idempotent. */
  unpin(pin: StatePin): void {
    const i = this.pins.findIndex((p) => p.pin === pin);
    if (i < 0) return;
    this.pins.splice(i, 1);
    this.pinnedBelow = this.pins.length === 0 ? 0 : this.pins[this.pins.length - 1]!.pin.version;
  }

  /** Number of pins that have not read this map yet (for tests). */
  get pinCount(): number {
    return this.pins.length;
  }

  /**
   * The entries as of `pin`, while writes may go on between two steps; unpins the map when
   * done (or when the iterator is closed early with return()).
   */
  *pinnedEntries(pin: StatePin): Generator<[StateKey, V], void, undefined> {
    const mine = this.pins.find((p) => p.pin === pin);
    if (!mine) throw new Error(`snapshot ${pin.id} has no pin on this state map (already read or released)`);
    mine.reading = true;
    try {
      for (const [k, e] of this.live) {
        if (e.version >= pin.version) continue;
        e.readBy = pin.id;
        yield [k, e.value];
      }
      // Nothing is retained for this pin any more: every old entry still live has been read.
      if (mine.retained) for (const [k, e] of mine.retained) yield [k, e.value];
    } finally {
      this.unpin(pin);
    }
  }

  /** `e`'s value to be modified by the caller: a copy when a pin still holds the original. */
  private writable(key: StateKey, e: Entry<V>): V {
    const value = e.value;
    // A primitive cannot be modified in place: the pins keep it without a copy.
    if (typeof value !== "object" || value === null) return value;
    if (!this.held(e)) {
      // Every pin that needed it has read it: no check next time.
      e.version = this.versions.version;
      return value;
    }
    this.retain(key, e);
    const copy = this.valueCopy(value);
    this.live.set(key, { value: copy, version: this.versions.version, readBy: 0 });
    return copy;
  }

  /** Whether some pin still has to read `e` as it is. */
  private held(e: Entry<V>): boolean {
    for (const p of this.pins) if (e.version < p.pin.version && !(p.reading && e.readBy === p.pin.id)) return true;
    return false;
  }

  /** `e` leaves the live Map: the pins that still need it keep it. */
  private retain(key: StateKey, e: Entry<V>): void {
    for (const p of this.pins) {
      if (e.version < p.pin.version && !(p.reading && e.readBy === p.pin.id)) (p.retained ??= new Map()).set(key, e);
    }
  }
}
