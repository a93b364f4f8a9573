/**
 * Timers on the heap (Flink's HeapPriorityQueueSet): a binary heap for the firing order and, per
 * key group, a Map from key to the key's timers for de-duplication, deletion and snapshots.
 *
 * Nothing is allocated per timer: a timer is a slot in parallel typed arrays (timestamp,
 * registration number, heap position, links to the key's other timers) plus entries in arrays of
 * the key, the namespace and its primitive; freed slots are reused. The heap is an Int32Array of
 * slots ordered by (timestamp, registration number) read straight from the Float64Arrays: no
 * comparator closure, no timer objects, no swaps through temporaries. A key's timers form a
 * doubly linked chain of slots, usually one or two long, so finding one is a short scan.
 */
import type { Key } from "../../../api/functions.js";
import { fromStateKey, type StateKey } from "../state-key.js";
import type { Namespace } from "../state-cell.js";
import type { InternalTimerQueue, PolledTimer, Timer, TimerKeyContext } from "./internal-timer-queue.js";
import type { RestoredTimer } from "./timer-snapshot.js";

const NONE = -1;
const INITIAL_CAPACITY = 64;

export class HeapTimerQueue<N> implements InternalTimerQueue<N> {
  private capacity = INITIAL_CAPACITY;
  private timestamps: Float64Array = new Float64Array(INITIAL_CAPACITY);
  /** Registration numbers: equal timestamps fire in registration order. */
  private seqs: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private heapPos: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** The key's next timer; for a free slot, the next free slot. */
  private next: Int32Array = new Int32Array(INITIAL_CAPACITY);
  private prev: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** Key group of the slot, relative to keyGroupStart. */
  private groupOf: Int32Array = new Int32Array(INITIAL_CAPACITY);
  private keys: Key[] = [];
  private stateKeys: StateKey[] = [];
  private nss: Namespace[] = [];
  private namespaces: N[] = [];
  private heap: Int32Array = new Int32Array(INITIAL_CAPACITY);
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
    this.insert(group, stateKey, ctx.getCurrentKey(), timestamp, namespace, ns, this.nextSeq++);
    return true;
  }

  remove(timestamp: number, ns: Namespace): boolean {
    const ctx = this.ctx;
    const slot = this.find(ctx.currentKeyGroup - ctx.keyGroupStart, ctx.currentStateKey, timestamp, ns);
    if (slot === NONE) return false;
    this.unlinkKey(slot);
    this.heapRemoveAt(this.heapPos[slot]!);
    this.release(slot);
    return true;
  }

  peekTimestamp(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.timestamps[this.heap[0]!]!;
  }

  poll(into: PolledTimer<N>): boolean {
    if (this.count === 0) return false;
    const slot = this.heap[0]!;
    into.timestamp = this.timestamps[slot]!;
    into.key = this.keys[slot]!;
    into.ns = this.nss[slot]!;
    into.namespace = this.namespaces[slot]!;
    this.unlinkKey(slot);
    this.heapRemoveAt(0);
    this.release(slot);
    return true;
  }

  reviveNamespaces(revive: (namespace: N) => N): void {
    this.revive = revive;
    for (let i = 0; i < this.count; i++) {
      const slot = this.heap[i]!;
      this.namespaces[slot] = revive(this.namespaces[slot]!);
    }
  }

  *timers(): IterableIterator<Timer<N>> {
    for (let i = 0; i < this.count; i++) yield this.timerAt(this.heap[i]!);
  }

  // ---- snapshots (the boundary timer-snapshot.ts describes) -----------------------------------

  /**
   * The timers of one key group (index relative to keyGroupStart) as "_timer-heap:" entries:
   * per key [timestamp, registration number, ns, namespace, ...]. A copy: the queue may change
   * as soon as this returns.
   */
  keyGroupEntries(group: number): Array<[StateKey, unknown[]]> {
    const out: Array<[StateKey, unknown[]]> = [];
    for (const [stateKey, first] of this.byKey[group]!) {
      const packed: unknown[] = [];
      for (let s = first; s !== NONE; s = this.next[s]!) packed.push(this.timestamps[s], this.seqs[s], this.nss[s], this.namespaces[s]);
      out.push([stateKey, packed]);
    }
    return out;
  }

  /** The timers of one key group as they are (for writing them in another layout). */
  *keyGroupTimers(group: number): IterableIterator<RestoredTimer> {
    for (const [stateKey, first] of this.byKey[group]!) {
      for (let s = first; s !== NONE; s = this.next[s]!) {
        yield { timestamp: this.timestamps[s]!, stateKey, ns: this.nss[s]!, namespace: this.namespaces[s], seq: this.seqs[s]! };
      }
    }
  }

  /** Puts back a timer of a snapshot (key group `keyGroup`, absolute); duplicates are dropped. */
  restore(keyGroup: number, t: RestoredTimer): void {
    const group = keyGroup - this.ctx.keyGroupStart;
    if (this.find(group, t.stateKey, t.timestamp, t.ns) !== NONE) return;
    const seq = t.seq;
    if (seq >= this.nextSeq) this.nextSeq = seq + 1;
    const namespace = this.revive ? this.revive(t.namespace as N) : (t.namespace as N);
    this.insert(group, t.stateKey, fromStateKey(t.stateKey), t.timestamp, namespace, t.ns, seq);
  }

  // ---- slots, chains, heap --------------------------------------------------------------------

  private timerAt(slot: number): Timer<N> {
    return { timestamp: this.timestamps[slot]!, key: this.keys[slot]!, namespace: this.namespaces[slot]!, ns: this.nss[slot]! };
  }

  private find(group: number, stateKey: StateKey, timestamp: number, ns: Namespace): number {
    const first = this.byKey[group]!.get(stateKey);
    if (first === undefined) return NONE;
    for (let s = first; s !== NONE; s = this.next[s]!) {
      if (this.timestamps[s] === timestamp && this.nss[s] === ns) return s;
    }
    return NONE;
  }

  private insert(group: number, stateKey: StateKey, key: Key, timestamp: number, namespace: N, ns: Namespace, seq: number): void {
    const slot = this.allocate();
    this.timestamps[slot] = timestamp;
    this.seqs[slot] = seq;
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
    const at = this.count++;
    this.heap[at] = slot;
    this.heapPos[slot] = at;
    this.siftUp(at);
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
    this.keys[slot] = 0;
    this.namespaces[slot] = undefined as N;
    this.stateKeys[slot] = 0;
    this.next[slot] = this.freeSlot;
    this.freeSlot = slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.timestamps = f64(this.timestamps);
    this.seqs = f64(this.seqs);
    this.heapPos = i32(this.heapPos);
    this.next = i32(this.next);
    this.prev = i32(this.prev);
    this.groupOf = i32(this.groupOf);
    this.heap = i32(this.heap);
    this.capacity = capacity;
  }

  private less(a: number, b: number): boolean {
    const ta = this.timestamps[a]!;
    const tb = this.timestamps[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  /** Moves the slot at `at` up to its place (the hole technique: one write per level). */
  private siftUp(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[at] = p;
      this.heapPos[p] = at;
      at = parent;
    }
    heap[at] = slot;
    this.heapPos[slot] = at;
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    const n = this.count;
    const slot = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.less(heap[right]!, heap[child]!)) child = right;
      const c = heap[child]!;
      if (!this.less(c, slot)) break;
      heap[at] = c;
      this.heapPos[c] = at;
      at = child;
    }
    heap[at] = slot;
    this.heapPos[slot] = at;
  }

  private heapRemoveAt(at: number): void {
    const last = this.heap[--this.count]!;
    if (at === this.count) return;
    this.heap[at] = last;
    this.heapPos[last] = at;
    this.siftDown(at);
    if (this.heap[at] === last) this.siftUp(at);
  }
}
