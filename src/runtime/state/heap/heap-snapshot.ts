/**
 * A heap backend snapshot: its synchronous part pins a state version on every map
 * (copy-on-write-state-map.ts), its asynchronous part reads that version out and serializes it
 * while the task goes on updating the state. Reading runs in slices of a few milliseconds on the
 * task's event loop, so the task stays responsive (records, barriers, RPCs) during a checkpoint of
 * any size.
 *
 * A key group comes out in parts of a bounded number of entries, each in the object-tables layout
 * (key-group-format.ts): one v8.serialize call per part keeps the serializer fast, the bound keeps
 * one call within a slice. Restoring applies the parts of a key group one after the other.
 */
import { serialize } from "node:v8";
import type { KeyedStateSnapshot } from "../keyed-state-backend.js";
import type { StateKey } from "../state-key.js";
import type { PinnableKeyGroup, StatePin } from "./state-pin.js";
import { registerErrorClass, SluiceError } from "../../../errors/sluice-error.js";

/** How long reading a snapshot out may hold the event loop before processing runs again. */
const SLICE_MS = 4;
const FIRST_PART_ENTRIES = 1024;
const MIN_PART_ENTRIES = 64;
const MAX_PART_ENTRIES = 1 << 16;

/** One state table as the snapshot reads it. */
export interface PinnedTable {
  name: string;
  /** One per key group of the backend's range. */
  groups: readonly PinnableKeyGroup[];
  /** TTL's cleanupFullSnapshot: the value to write, or undefined to leave the entry out. */
  filter?: (value: unknown) => unknown;
}

/** Tables a snapshot holds besides the pinned maps, per key group (the heap timer queues' copies). */
export interface KeyGroupExtras {
  /** Key groups of the backend's range (a backend may have extras but no tables). */
  readonly keyGroups: number;
  /** Adds key group `group`'s (relative to the first) tables to `into`; whether it added any. */
  keyGroupTables(group: number, into: Record<string, Array<[unknown, unknown]>>): boolean;
}

export class SnapshotReleasedError extends SluiceError {}
registerErrorClass(SnapshotReleasedError);

export class HeapSnapshot implements KeyedStateSnapshot {
  private released = false;
  private materializing = false;
  /** The map being read, so that release() can stop it. */
  private reading: Generator<[StateKey, unknown], void, undefined> | undefined;
  private finish!: () => void;
  /** Resolves once the snapshot is read out or released. */
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    private readonly pin: StatePin,
    private readonly tables: readonly PinnedTable[],
    private readonly firstKeyGroup: number,
    /** Resolves when the previous snapshot of the backend is read or released: pins read one after the other. */
    private readonly after: Promise<void>,
    private readonly extras?: KeyGroupExtras,
  ) {}

  /** The synchronous part: pins every map of `tables` (no entry is copied). */
  static take(pin: StatePin, tables: readonly PinnedTable[], firstKeyGroup: number, after: Promise<void>, extras?: KeyGroupExtras): HeapSnapshot {
    for (const t of tables) for (const g of t.groups) g.pin(pin);
    return new HeapSnapshot(pin, tables, firstKeyGroup, after, extras);
  }

  async materialize(): Promise<Array<[number, Uint8Array]>> {
    if (this.materializing) throw new Error(`snapshot ${this.pin.id} is materialized already`);
    this.materializing = true;
    await this.after;
    if (this.released) throw new SnapshotReleasedError(`snapshot ${this.pin.id} was released before it was read`);
    try {
      return await this.read();
    } finally {
      this.release();
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.reading?.return();
    for (const t of this.tables) for (const g of t.groups) g.unpin(this.pin);
    this.finish();
  }

  private async read(): Promise<Array<[number, Uint8Array]>> {
    const out: Array<[number, Uint8Array]> = [];
    const groupCount = this.tables[0]?.groups.length ?? this.extras?.keyGroups ?? 0;
    let partLimit = FIRST_PART_ENTRIES;
    let sliceStart = performance.now();
    const pause = async (): Promise<void> => {
      if (performance.now() - sliceStart < SLICE_MS) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.released) throw new SnapshotReleasedError(`snapshot ${this.pin.id} was released while it was read`);
      sliceStart = performance.now();
    };
    for (let i = 0; i < groupCount; i++) {
      let part: Record<string, Array<[StateKey, unknown]>> = {};
      let entries = 0;
      const flush = (): void => {
        if (entries === 0) return;
        const start = performance.now();
        out.push([this.firstKeyGroup + i, serialize(part)]);
        // Parts that serialize in about one slice.
        const ms = Math.max(performance.now() - start, 0.05);
        partLimit = Math.min(MAX_PART_ENTRIES, Math.max(MIN_PART_ENTRIES, Math.round((entries * SLICE_MS) / ms)));
        part = {};
        entries = 0;
      };
      for (const table of this.tables) {
        if (this.released) throw new SnapshotReleasedError(`snapshot ${this.pin.id} was released while it was read`);
        const filter = table.filter;
        let list: Array<[StateKey, unknown]> | undefined;
        const it = (this.reading = table.groups[i]!.pinnedEntries(this.pin));
        for (const [k, v] of it) {
          const kept = filter ? filter(v) : v;
          if (kept === undefined) continue;
          (list ??= part[table.name] = []).push([k, kept]);
          if (++entries < partLimit) continue;
          flush();
          list = undefined;
          await pause();
        }
        this.reading = undefined;
      }
      flush();
      const extra: Record<string, Array<[unknown, unknown]>> = {};
      if (this.extras?.keyGroupTables(i, extra)) out.push([this.firstKeyGroup + i, serialize(extra)]);
      await pause();
    }
    return out;
  }
}
