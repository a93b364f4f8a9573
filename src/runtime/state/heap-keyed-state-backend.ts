/**
 * Keyed state on the JavaScript heap, partitioned by key group (DESIGN.md principle 6): every
 * state name has one Map per key group of this subtask's range, so a snapshot or a rescale moves
 * whole key groups.
 */
import type { Key } from "../../api/functions.js";
import { keyGroupFor } from "../../graph/key-groups.js";
import { toStateKey, type StateKey } from "./state-key.js";

export class KeyGroupOutOfRangeError extends Error {
  override name = "KeyGroupOutOfRangeError";
}

/** The entries of one state name, one Map per key group. */
export class StateTable<V> {
  readonly groups: Map<StateKey, V>[];
  constructor(
    readonly name: string,
    readonly firstKeyGroup: number,
    size: number,
  ) {
    this.groups = Array.from({ length: size }, () => new Map<StateKey, V>());
  }
}

export class HeapKeyedStateBackend {
  private readonly tables = new Map<string, StateTable<unknown>>();
  private key: Key | undefined;
  private stateKey: StateKey = "";
  private groupIndex = -1;

  constructor(
    readonly maxParallelism: number,
    readonly keyGroupStart: number,
    readonly keyGroupEnd: number,
  ) {}

  /** Sets the key that state accesses refer to; called by the runtime before each record or timer. */
  setCurrentKey(key: Key): void {
    const group = keyGroupFor(key, this.maxParallelism);
    if (group < this.keyGroupStart || group > this.keyGroupEnd) {
      throw new KeyGroupOutOfRangeError(
        `key ${JSON.stringify(typeof key === "bigint" ? key.toString() : key)} belongs to key group ${group}, outside this subtask's range ` +
          `[${this.keyGroupStart}, ${this.keyGroupEnd}]: is the key selector deterministic?`,
      );
    }
    this.key = key;
    this.stateKey = toStateKey(key);
    this.groupIndex = group - this.keyGroupStart;
  }

  getCurrentKey(): Key {
    if (this.key === undefined) throw new Error("keyed state accessed outside of a keyed context");
    return this.key;
  }

  get currentStateKey(): StateKey {
    return this.stateKey;
  }

  /** The Map of the current key's key group in `table`. */
  currentGroup<V>(table: StateTable<V>): Map<StateKey, V> {
    if (this.groupIndex < 0) throw new Error("keyed state accessed outside of a keyed context");
    return table.groups[this.groupIndex]!;
  }

  table<V>(name: string): StateTable<V> {
    let t = this.tables.get(name);
    if (!t) {
      t = new StateTable<unknown>(name, this.keyGroupStart, this.keyGroupEnd - this.keyGroupStart + 1);
      this.tables.set(name, t);
    }
    return t as StateTable<V>;
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }
}
