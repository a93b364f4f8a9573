/**
 * Timers on the heap (Flink's HeapPriorityQueueSet): a binary heap for the firing order and, per
 * key group, a Map from key to the key's timers for de-duplication, deletion and snapshots.
 *
 * Nothing is allocated per timer: a timer is a slot in parallel typed arrays (timestamp,
 * registration number, its place in the firing order, links to the key's other timers) plus
 * entries in arrays of the key, the namespace and its primitive; freed slots are reused. The
 * firing order (slot-heap.ts) is an Int32Array heap of slots ordered by (timestamp, registration
 * number) read straight from the Float64Arrays, with one entry per run of equal timestamps: no
 * comparator closure, no timer objects, no swaps through temporaries. A key's timers form a
 * doubly linked chain of slots, usually one or two long, so finding one is a short scan.
 */
import type { Key } from "../../../api/functions.js";
import { fromStateKey, type StateKey } from "../state-key.js";
import type { Namespace } from "../state-cell.js";
import type { InternalTimerQueue, PolledTimer, Timer, TimerKeyContext } from "./internal-timer-queue.js";
import type { RestoredTimer } from "./timer-snapshot.js";
import { SlotHeap } from "./slot-heap.js";
import { HeapTimerSnapshot } from "./heap-timer-snapshot.js";

const NONE = -1;
const INITIAL_CAPACITY = 64;

export class HeapTimerQueue<N> implements InternalTimerQueue<N> {
  private capacity = INITIAL_CAPACITY;
  /** The firing order; owns the slots' timestamps and registration numbers. */
  private readonly order = new SlotHeap(INITIAL_CAPACITY);
  /** The key's next timer; for a free slot, the next free slot. */
  private next: Int32Array = new Int32Array(INITIAL_CAPACITY);
  private prev: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** Key group of the slot, relative to keyGroupStart. */
  private groupOf: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** 1 for a slot holding a timer (what a snapshot copies). */
  private live: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  private keys: Key[] = [];
  private stateKeys: StateKey[] = [];
  private nss: Namespace[] = [];
  private namespaces: N[] = [];
  private count = 0;
  private freeSlot = NONE;
  /** Slots ever used: the ones past it were never handed out. */
  private highWater = 0;
  private nextSeq = 0;
  /** Per key group: key → its first timer's slot. */
  private readonly byKey: Map<StateKey, number>[];
  private revive: ((namespace: N) => N) | undefined;

  constructor(private readonly ctx: TimerKeyContext) {
    this.byKey = Array.from({ length: ctx.keyGroupEnd - ctx.keyGroupStart + 1 }, () => new Map<StateKey, number>());
  }

  get size(): number {
    return this.count;
  }

  add(timestamp: number, namespace: N, ns: Namespace): boolean {
    const ctx = this.ctx;
    const group = ctx.currentKeyGroup - ctx.keyGroupStart;
    const stateKey = ctx.currentStateKey;
    if (this.find(group, stateKey, timestamp, ns) !== NONE) return false;
    this.insert(group, stateKey, ctx.getCurrentKey(), timestamp, namespace, ns, this.nextSeq++, true);
    return true;
  }

  remove(timestamp: number, ns: Namespace): boolean {
    const ctx = this.ctx;
    const slot = this.find(ctx.currentKeyGroup - ctx.keyGroupStart, ctx.currentStateKey, timestamp, ns);
    if (slot === NONE) return false;
    this.discard(slot);
    return true;
  }

  peekTimestamp(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.order.timestamps[this.order.top()]!;
  }

  poll(into: PolledTimer<N>): boolean {
    if (this.count === 0) return false;
    const slot = this.order.top();
    into.timestamp = this.order.timestamps[slot]!;
    into.key = this.keys[slot]!;
    into.ns = this.nss[slot]!;
    into.namespace = this.namespaces[slot]!;
    this.discard(slot);
    return true;
  }

  reviveNamespaces(revive: (namespace: N) => N): void {
    this.revive = revive;
    for (const chains of this.byKey) {
      for (const first of chains.values()) for (let s = first; s !== NONE; s = this.next[s]!) this.namespaces[s] = revive(this.namespaces[s]!);
    }
  }

  *timers(): IterableIterator<Timer<N>> {
    for (const chains of this.byKey) for (const first of chains.values()) for (let s = first; s !== NONE; s = this.next[s]!) yield this.timerAt(s);
  }

  keysOf(keyGroup: number): Iterable<StateKey> {
    return [...this.byKey[keyGroup - this.ctx.keyGroupStart]!.keys()];
  }

  timersOf(keyGroup: number, stateKey: StateKey): RestoredTimer[] {
    const out: RestoredTimer[] = [];
    const first = this.byKey[keyGroup - this.ctx.keyGroupStart]!.get(stateKey);
    if (first === undefined) return out;
    for (let s = first; s !== NONE; s = this.next[s]!) {
      out.push({ timestamp: this.order.timestamps[s]!, seq: this.order.seqs[s]!, stateKey, ns: this.nss[s]!, namespace: this.namespaces[s] });
    }
    return out;
  }

  clearKey(keyGroup: number, stateKey: StateKey): void {
    const chains = this.byKey[keyGroup - this.ctx.keyGroupStart]!;
    for (let s = chains.get(stateKey); s !== undefined; s = chains.get(stateKey)) this.discard(s);
  }

  // ---- snapshots (the boundary timer-snapshot.ts describes) -----------------------------------

  /** The synchronous part of a snapshot: a copy of the slots, read out later (heap-timer-snapshot.ts). */
  snapshot(): HeapTimerSnapshot {
    const n = this.highWater;
    return new HeapTimerSnapshot(
      {
        live: this.live.slice(0, n),
        groupOf: this.groupOf.slice(0, n),
        timestamps: this.order.timestamps.slice(0, n),
        seqs: this.order.seqs.slice(0, n),
        stateKeys: this.stateKeys.slice(0, n),
        nss: this.nss.slice(0, n),
        namespaces: this.namespaces.slice(0, n),
      },
      this.byKey.length,
    );
  }

  /** Puts back a timer of a snapshot (key group `keyGroup`, absolute); duplicates are dropped. */
  restore(keyGroup: number, t: RestoredTimer): void {
    const group = keyGroup - this.ctx.keyGroupStart;
    if (this.find(group, t.stateKey, t.timestamp, t.ns) !== NONE) return;
    const seq = t.seq;
    if (seq >= this.nextSeq) this.nextSeq = seq + 1;
    const namespace = this.revive ? this.revive(t.namespace as N) : (t.namespace as N);
    this.insert(group, t.stateKey, fromStateKey(t.stateKey), t.timestamp, namespace, t.ns, seq, false);
  }

  // ---- slots, chains, heap --------------------------------------------------------------------

  private timerAt(slot: number): Timer<N> {
    return { timestamp: this.order.timestamps[slot]!, key: this.keys[slot]!, namespace: this.namespaces[slot]!, ns: this.nss[slot]! };
  }

  private find(group: number, stateKey: StateKey, timestamp: number, ns: Namespace): number {
    const first = this.byKey[group]!.get(stateKey);
    if (first === undefined) return NONE;
    for (let s = first; s !== NONE; s = this.next[s]!) {
      if (this.order.timestamps[s] === timestamp && this.nss[s] === ns) return s;
    }
    return NONE;
  }

  /** `latest`: a new registration (its number above all others), not a restored timer. */
  private insert(group: number, stateKey: StateKey, key: Key, timestamp: number, namespace: N, ns: Namespace, seq: number, latest: boolean): void {
    const slot = this.allocate();
    this.live[slot] = 1;
    this.order.timestamps[slot] = timestamp;
    this.order.seqs[slot] = seq;
    this.groupOf[slot] = group;
    this.keys[slot] = key;
    this.stateKeys[slot] = stateKey;
    this.nss[slot] = ns;
    this.namespaces[slot] = namespace;
    const chains = this.byKey[group]!;
    const first = chains.get(stateKey);
    this.prev[slot] = NONE;
    if (first === undefined) {
      this.next[slot] = NONE;
      chains.set(stateKey, slot);
    } else {
      // After the first: the Map keeps pointing at the same slot, so no Map write.
      const second = this.next[first]!;
      this.next[slot] = second;
      this.prev[slot] = first;
      if (second !== NONE) this.prev[second] = slot;
      this.next[first] = slot;
    }
    this.count++;
    this.order.insert(slot, latest);
  }

  /** Takes a timer out of everything and frees its slot. */
  private discard(slot: number): void {
    this.unlinkKey(slot);
    this.order.remove(slot);
    this.count--;
    this.release(slot);
  }

  private unlinkKey(slot: number): void {
    const p = this.prev[slot]!;
    const n = this.next[slot]!;
    if (p !== NONE) this.next[p] = n;
    else {
      const chains = this.byKey[this.groupOf[slot]!]!;
      if (n === NONE) chains.delete(this.stateKeys[slot]!);
      else chains.set(this.stateKeys[slot]!, n);
    }
    if (n !== NONE) this.prev[n] = p;
  }

  private allocate(): number {
    if (this.freeSlot !== NONE) {
      const slot = this.freeSlot;
      this.freeSlot = this.next[slot]!;
      return slot;
    }
    if (this.highWater === this.capacity) this.grow();
    return this.highWater++;
  }

  /** Frees the slot, dropping its references so the key and namespace can be collected. */
  private release(slot: number): void {
    this.live[slot] = 0;
    this.keys[slot] = 0;
    this.namespaces[slot] = undefined as N;
    this.stateKeys[slot] = 0;
    this.next[slot] = this.freeSlot;
    this.freeSlot = slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.order.grow(capacity);
    this.next = i32(this.next);
    this.prev = i32(this.prev);
    this.groupOf = i32(this.groupOf);
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.live = live;
    this.capacity = capacity;
  }
}
