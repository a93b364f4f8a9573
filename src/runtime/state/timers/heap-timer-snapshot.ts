/**
 * The timers of a heap timer queue as they were at a snapshot's synchronous part. Taking it copies
 * the queue's slot arrays (typed-array and array copies, memcpy-like, no object per timer: keys
 * and namespaces are shared, they are never modified); reading it out per key group happens in
 * the snapshot's asynchronous part, while the queue goes on changing.
 */
import type { Namespace } from "../state-cell.js";
import type { StateKey } from "../state-key.js";
import type { RestoredTimer } from "./timer-snapshot.js";

/** What a snapshot copies of the queue: slot arrays up to the highest slot used. */
export interface TimerSlots {
  /** 1 for a slot holding a timer. */
  live: Uint8Array;
  groupOf: Int32Array;
  timestamps: Float64Array;
  seqs: Float64Array;
  stateKeys: StateKey[];
  nss: Namespace[];
  namespaces: unknown[];
}

export class HeapTimerSnapshot {
  /** Per key group (relative), its slots; built on first read. */
  private byGroup: number[][] | undefined;

  constructor(
    private readonly slots: TimerSlots,
    private readonly groups: number,
  ) {}

  /**
   * The timers of one key group (relative to the backend's first) as "_timer-heap:" entries
   * (timer-snapshot.ts): per key [timestamp, registration number, ns, namespace, ...].
   */
  keyGroupEntries(group: number): Array<[StateKey, unknown[]]> {
    const s = this.slots;
    const byKey = new Map<StateKey, unknown[]>();
    for (const slot of this.slotsOf(group)) {
      let packed = byKey.get(s.stateKeys[slot]!);
      if (!packed) byKey.set(s.stateKeys[slot]!, (packed = []));
      packed.push(s.timestamps[slot], s.seqs[slot], s.nss[slot], s.namespaces[slot]);
    }
    return [...byKey];
  }

  /** The timers of one key group, one by one (for writing them in another layout). */
  *keyGroupTimers(group: number): IterableIterator<RestoredTimer> {
    const s = this.slots;
    for (const slot of this.slotsOf(group)) {
      yield { timestamp: s.timestamps[slot]!, seq: s.seqs[slot]!, stateKey: s.stateKeys[slot]!, ns: s.nss[slot]!, namespace: s.namespaces[slot] };
    }
  }

  private slotsOf(group: number): number[] {
    if (!this.byGroup) {
      const byGroup: number[][] = Array.from({ length: this.groups }, () => []);
      const { live, groupOf } = this.slots;
      for (let slot = 0; slot < live.length; slot++) if (live[slot] === 1) byGroup[groupOf[slot]!]!.push(slot);
      this.byGroup = byGroup;
    }
    return this.byGroup[group]!;
  }
}
