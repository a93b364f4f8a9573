/**
 * Timers in LMDB (Flink's RocksDB timer queue: a heap of per-key-group queues, each a small
 * in-memory cache in front of an ordered store). Every timer is an entry of the LMDB backend's
 * table "_timer-lmdb:<queue>", keyed by ordered-timer-key.ts, so each key group's timers lie
 * on disk in timestamp order and the queue is bounded by the disk, not the heap. The entries go
 * through the backend's write-back cache like all its state, so they are batched into LMDB
 * transactions and snapshotted by the backend's range scans with no code of their own.
 *
 * In memory, per key group, only the head: the smallest keys of the group, at most
 * `cacheSize` (`state.backend.lmdb.timer-service.cache-size`), and whether that is all of them.
 * A key beyond a full head goes to LMDB only; when a head runs empty and LMDB holds more, it is
 * refilled by one range scan. A small index heap over the key groups' first keys gives the
 * subtask's earliest timer.
 */
import type { StateMap, StateTable } from "../keyed-state-backend.js";
import type { Namespace } from "../state-cell.js";
import { fromStateKey } from "../state-key.js";
import type { InternalTimerQueue, PolledTimer, Timer, TimerKeyContext } from "./internal-timer-queue.js";
import { decodeOrderedTimerKey, orderedTimerKey, timestampOf } from "./ordered-timer-key.js";

export class LmdbTimerQueue<N> implements InternalTimerQueue<N> {
  private readonly heads: string[][];
  /** Whether the head of a key group holds all of its timers. */
  private readonly complete: boolean[];
  private readonly groups: KeyGroupHeap;
  private count = 0;
  private revive: ((namespace: N) => N) | undefined;

  constructor(
    private readonly ctx: TimerKeyContext,
    /** The backend's table: its maps iterate their keys in LMDB (byte) order. */
    private readonly table: StateTable<N>,
    private readonly cacheSize: number,
  ) {
    if (!(cacheSize >= 1)) throw new RangeError(`the lmdb timer queue needs a head cache of at least 1 timer per key group, got ${cacheSize}`);
    const n = ctx.keyGroupEnd - ctx.keyGroupStart + 1;
    this.heads = Array.from({ length: n }, () => []);
    this.complete = new Array<boolean>(n).fill(true);
    this.groups = new KeyGroupHeap(this.heads);
    this.reload();
  }

  /** Reads the heads and the count from LMDB again (at start, and after the backend restored into it). */
  reload(): void {
    this.count = 0;
    for (let g = 0; g < this.heads.length; g++) {
      this.count += this.table.groups[g]!.size;
      this.refill(g);
    }
    this.groups.rebuild();
  }

  get size(): number {
    return this.count;
  }

  add(timestamp: number, namespace: N, ns: Namespace): boolean {
    const g = this.ctx.currentKeyGroup - this.ctx.keyGroupStart;
    const key = orderedTimerKey(timestamp, this.ctx.currentStateKey, ns);
    const map = this.table.groups[g]!;
    if (map.has(key)) return false;
    map.set(key, namespace);
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
    const key = orderedTimerKey(timestamp, this.ctx.currentStateKey, ns);
    const map = this.table.groups[g]!;
    if (!map.delete(key)) return false;
    this.count--;
    const head = this.heads[g]!;
    const at = lowerBound(head, key);
    if (head[at] === key) {
      head.splice(at, 1);
      this.refillIfEmpty(g, map);
      if (at === 0) this.groups.update(g);
    }
    return true;
  }

  peekTimestamp(): number {
    const g = this.groups.top();
    return g < 0 ? Number.POSITIVE_INFINITY : timestampOf(this.heads[g]![0]!);
  }

  poll(into: PolledTimer<N>): boolean {
    const g = this.groups.top();
    if (g < 0) return false;
    const head = this.heads[g]!;
    const key = head.shift()!;
    const map = this.table.groups[g]!;
    const namespace = map.get(key) as N;
    map.delete(key);
    this.count--;
    const decoded = decodeOrderedTimerKey(key);
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
    for (const map of this.table.groups) {
      for (const [key, namespace] of map.entries()) {
        const { timestamp, stateKey, ns } = decodeOrderedTimerKey(key as string);
        yield { timestamp, key: fromStateKey(stateKey), ns, namespace: this.revive ? this.revive(namespace) : namespace };
      }
    }
  }

  private refillIfEmpty(g: number, map: StateMap<N>): void {
    if (this.heads[g]!.length === 0 && !this.complete[g]) this.refill(g, map);
  }

  /** The head of key group `g`: its first `cacheSize` keys, by one ordered scan of LMDB. */
  private refill(g: number, map: StateMap<N> = this.table.groups[g]!): void {
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
