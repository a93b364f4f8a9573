/**
 * Timers in LMDB (Flink's RocksDB timer queue: a heap of per-key-group queues, each a small
 * in-memory cache in front of an ordered store). Every timer is an entry of the LMDB backend's
 * table "_timer-lmdb:<queue>", keyed by ordered-timer-key.ts, so each key group's timers lie on
 * disk in firing order and the queue is bounded by the disk, not the heap. A second table,
 * "_timer-lmdb-keys:<queue>", lists per key its timers (timestamp, registration number, ns),
 * for de-duplication and deletion by (key, namespace, timestamp). Both go through the backend's
 * write-back cache like all its state, so writes are batched into LMDB transactions, and the
 * backend's range scans snapshot the timers with no code of their own.
 *
 * In memory, per key group, only the head: its smallest keys, at most `cacheSize`
 * (`state.backend.lmdb.timer-service.cache-size`), and whether that is all of them. A timer
 * beyond a full head goes to LMDB only; when a head runs empty and LMDB holds more, one range
 * scan refills it. A small index heap over the key groups' first keys gives the earliest timer.
 */
import type { StateMap, StateTable } from "../keyed-state-backend.js";
import type { Namespace } from "../state-cell.js";
import { fromStateKey, type StateKey } from "../state-key.js";
import type { InternalTimerQueue, PolledTimer, Timer, TimerKeyContext } from "./internal-timer-queue.js";
import { decodeOrderedTimerKey, orderedTimerKey, seqOf, timestampOf } from "./ordered-timer-key.js";
import type { RestoredTimer } from "./timer-snapshot.js";

/** Per key: [timestamp, registration number, ns, ...] of each of its timers. */
export type KeyTimerIndex = Array<number | Namespace>;

export class LmdbTimerQueue<N> implements InternalTimerQueue<N> {
  private readonly heads: string[][];
  /** Whether the head of a key group holds all of its timers. */
  private readonly complete: boolean[];
  private readonly groups: KeyGroupHeap;
  private count = 0;
  private nextSeq = 0;
  private revive: ((namespace: N) => N) | undefined;

  constructor(
    private readonly ctx: TimerKeyContext,
    /** The timers: the maps iterate their keys in LMDB (byte) order. */
    private readonly ordered: StateTable<N>,
    /** The timers per key. */
    private readonly index: StateTable<KeyTimerIndex>,
    private readonly cacheSize: number,
  ) {
    if (!(cacheSize >= 1)) throw new RangeError(`the lmdb timer queue needs a head cache of at least 1 timer per key group, got ${cacheSize}`);
    const n = ctx.keyGroupEnd - ctx.keyGroupStart + 1;
    this.heads = Array.from({ length: n }, () => []);
    this.complete = new Array<boolean>(n).fill(true);
    this.groups = new KeyGroupHeap(this.heads);
    this.reload();
  }

  /** Reads count, registration numbers and heads from LMDB again (at start, and after a restore into it). */
  reload(): void {
    this.count = 0;
    for (let g = 0; g < this.heads.length; g++) {
      for (const key of this.ordered.groups[g]!.keys()) {
        this.count++;
        const seq = seqOf(key as string);
        if (seq >= this.nextSeq) this.nextSeq = seq + 1;
      }
      this.refill(g);
    }
    this.groups.rebuild();
  }

  get size(): number {
    return this.count;
  }

  add(timestamp: number, namespace: N, ns: Namespace): boolean {
    const g = this.ctx.currentKeyGroup - this.ctx.keyGroupStart;
    const stateKey = this.ctx.currentStateKey;
    const index = this.index.groups[g]!;
    const timers = index.get(stateKey) ?? [];
    if (find(timers, timestamp, ns) >= 0) return false;
    const seq = this.nextSeq++;
    timers.push(timestamp, seq, ns);
    index.set(stateKey, timers);
    const key = orderedTimerKey(timestamp, seq, stateKey, ns);
    this.ordered.groups[g]!.set(key, namespace);
    this.count++;
    const head = this.heads[g]!;
    // Beyond a partial head: LMDB only (a refill finds it in order).
    if (!this.complete[g] && key > head[head.length - 1]!) return true;
    const at = lowerBound(head, key);
    head.splice(at, 0, key);
    if (head.length > this.cacheSize) {
      head.pop();
      this.complete[g] = false;
    }
    if (at === 0) this.groups.update(g);
    return true;
  }

  remove(timestamp: number, ns: Namespace): boolean {
    const g = this.ctx.currentKeyGroup - this.ctx.keyGroupStart;
    const stateKey = this.ctx.currentStateKey;
    const seq = this.unindex(g, stateKey, timestamp, ns);
    if (seq < 0) return false;
    this.drop(g, orderedTimerKey(timestamp, seq, stateKey, ns));
    return true;
  }

  /** Removes an indexed timer's entry (already out of the index) and its place in the head. */
  private drop(g: number, key: string): void {
    const map = this.ordered.groups[g]!;
    map.delete(key);
    this.count--;
    const head = this.heads[g]!;
    const at = lowerBound(head, key);
    if (head[at] === key) {
      head.splice(at, 1);
      this.refillIfEmpty(g, map);
      if (at === 0) this.groups.update(g);
    }
  }

  peekTimestamp(): number {
    const g = this.groups.top();
    return g < 0 ? Number.POSITIVE_INFINITY : timestampOf(this.heads[g]![0]!);
  }

  poll(into: PolledTimer<N>): boolean {
    const g = this.groups.top();
    if (g < 0) return false;
    const key = this.heads[g]!.shift()!;
    const map = this.ordered.groups[g]!;
    const namespace = map.get(key) as N;
    map.delete(key);
    this.count--;
    const decoded = decodeOrderedTimerKey(key);
    this.unindex(g, decoded.stateKey, decoded.timestamp, decoded.ns);
    into.timestamp = decoded.timestamp;
    into.key = fromStateKey(decoded.stateKey);
    into.ns = decoded.ns;
    into.namespace = this.revive ? this.revive(namespace) : namespace;
    this.refillIfEmpty(g, map);
    this.groups.update(g);
    return true;
  }

  reviveNamespaces(revive: (namespace: N) => N): void {
    this.revive = revive;
  }

  *timers(): IterableIterator<Timer<N>> {
    for (const map of this.ordered.groups) {
      for (const [key, namespace] of map.entries()) {
        const { timestamp, stateKey, ns } = decodeOrderedTimerKey(key as string);
        yield { timestamp, key: fromStateKey(stateKey), ns, namespace: this.revive ? this.revive(namespace) : namespace };
      }
    }
  }

  keysOf(keyGroup: number): Iterable<StateKey> {
    return [...this.index.groups[keyGroup - this.ctx.keyGroupStart]!.keys()];
  }

  timersOf(keyGroup: number, stateKey: StateKey): RestoredTimer[] {
    const g = keyGroup - this.ctx.keyGroupStart;
    const timers = this.index.groups[g]!.get(stateKey) ?? [];
    const out: RestoredTimer[] = [];
    for (let i = 0; i < timers.length; i += 3) {
      const [timestamp, seq, ns] = [timers[i] as number, timers[i + 1] as number, timers[i + 2] as Namespace];
      out.push({ timestamp, seq, stateKey, ns, namespace: this.ordered.groups[g]!.get(orderedTimerKey(timestamp, seq, stateKey, ns)) });
    }
    return out;
  }

  clearKey(keyGroup: number, stateKey: StateKey): void {
    const g = keyGroup - this.ctx.keyGroupStart;
    for (const t of this.timersOf(keyGroup, stateKey)) {
      this.unindex(g, stateKey, t.timestamp, t.ns);
      this.drop(g, orderedTimerKey(t.timestamp, t.seq, stateKey, t.ns));
    }
  }

  /** Drops a timer from the key's index; its registration number, or -1 when it is not there. */
  private unindex(g: number, stateKey: StateKey, timestamp: number, ns: Namespace): number {
    const index = this.index.groups[g]!;
    const timers = index.get(stateKey);
    const at = timers === undefined ? -1 : find(timers, timestamp, ns);
    if (at < 0) return -1;
    const seq = timers![at + 1] as number;
    timers!.splice(at, 3);
    if (timers!.length === 0) index.delete(stateKey);
    else index.set(stateKey, timers!);
    return seq;
  }

  private refillIfEmpty(g: number, map: StateMap<N>): void {
    if (this.heads[g]!.length === 0 && !this.complete[g]) this.refill(g, map);
  }

  /** The head of key group `g`: its first `cacheSize` keys, by one ordered scan of LMDB. */
  private refill(g: number, map: StateMap<N> = this.ordered.groups[g]!): void {
    const head: string[] = [];
    let complete = true;
    for (const key of map.keys()) {
      if (head.length === this.cacheSize) {
        complete = false;
        break;
      }
      head.push(key as string);
    }
    this.heads[g] = head;
    this.complete[g] = complete;
  }
}

/** Where (timestamp, ns) is in a key's index, or -1. */
function find(timers: KeyTimerIndex, timestamp: number, ns: Namespace): number {
  for (let i = 0; i < timers.length; i += 3) if (timers[i] === timestamp && timers[i + 2] === ns) return i;
  return -1;
}

/** The first index of `sorted` whose element is not less than `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An index heap of key groups by their head's first key; empty heads are not in it. */
class KeyGroupHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private n = 0;

  constructor(private readonly heads: string[][]) {
    this.heap = new Int32Array(heads.length);
    this.pos = new Int32Array(heads.length).fill(-1);
  }

  top(): number {
    return this.n === 0 ? -1 : this.heap[0]!;
  }

  rebuild(): void {
    this.n = 0;
    this.pos.fill(-1);
    for (let g = 0; g < this.heads.length; g++) this.update(g);
  }

  /** Key group `g`'s first key changed (or its head became empty or non-empty). */
  update(g: number): void {
    const at = this.pos[g]!;
    const empty = this.heads[g]!.length === 0;
    if (at < 0) {
      if (empty) return;
      this.heap[this.n] = g;
      this.pos[g] = this.n++;
      this.up(this.n - 1);
      return;
    }
    if (empty) {
      const last = this.heap[--this.n]!;
      this.pos[g] = -1;
      if (at === this.n) return;
      this.heap[at] = last;
      this.pos[last] = at;
      this.down(at);
      this.up(this.pos[last]!);
      return;
    }
    this.down(at);
    this.up(this.pos[g]!);
  }

  private first(g: number): string {
    return this.heads[g]![0]!;
  }

  private up(at: number): void {
    const g = this.heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const p = this.heap[parent]!;
      if (!(this.first(g) < this.first(p))) break;
      this.heap[at] = p;
      this.pos[p] = at;
      at = parent;
    }
    this.heap[at] = g;
    this.pos[g] = at;
  }

  private down(at: number): void {
    const g = this.heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.n) break;
      if (child + 1 < this.n && this.first(this.heap[child + 1]!) < this.first(this.heap[child]!)) child++;
      const c = this.heap[child]!;
      if (!(this.first(c) < this.first(g))) break;
      this.heap[at] = c;
      this.pos[c] = at;
      at = child;
    }
    this.heap[at] = g;
    this.pos[g] = at;
  }
}
