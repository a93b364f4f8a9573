/**
 * The firing order of the heap timer queue (heap-timer-queue.ts): timers are slots (indices into
 * typed arrays); a binary heap orders them by (timestamp, registration number).
 *
 * Timers with the same timestamp share one heap entry where they can: window timers of all keys
 * end at the same few timestamps, so a "bucket" per timestamp holds them in registration order (a
 * circular doubly linked list of slots), and only its first timer is in the heap. Adding to a
 * bucket and taking its first timer cost O(1) instead of a sift through the heap. A small table of
 * recently created buckets finds the bucket of a timestamp without a Map (no allocation). Only the
 * newest bucket of a timestamp is in that table, so what is appended always comes after every
 * timer of older buckets with that timestamp, and the order stays (timestamp, registration).
 */
const NONE = -1;
/** Timestamps whose newest bucket is remembered (round robin). */
const RECENT = 8;

export class SlotHeap {
  timestamps: Float64Array;
  seqs: Float64Array;
  /** Position in the heap of a bucket's first slot; NONE for the others. */
  private heapPos: Int32Array;
  private sameNext: Int32Array;
  private samePrev: Int32Array;
  private heap: Int32Array;
  private n = 0;
  private readonly recentTs = new Float64Array(RECENT);
  private readonly recentHead = new Int32Array(RECENT).fill(NONE);
  private recentNext = 0;

  constructor(capacity: number) {
    this.timestamps = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.heapPos = new Int32Array(capacity);
    this.sameNext = new Int32Array(capacity);
    this.samePrev = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
  }

  /** The earliest slot, NONE when empty. */
  top(): number {
    return this.n === 0 ? NONE : this.heap[0]!;
  }

  /**
   * Adds `slot` (its timestamp and registration number set). `latest`: its registration number is
   * above all others (a new registration), so it may join the bucket of its timestamp; restored
   * timers come in any order and get a bucket of their own.
   */
  insert(slot: number, latest: boolean): void {
    const ts = this.timestamps[slot]!;
    const bucket = latest ? this.recentBucket(ts) : NONE;
    if (bucket !== NONE) {
      const tail = this.samePrev[bucket]!;
      this.sameNext[tail] = slot;
      this.samePrev[slot] = tail;
      this.sameNext[slot] = bucket;
      this.samePrev[bucket] = slot;
      this.heapPos[slot] = NONE;
      return;
    }
    this.sameNext[slot] = slot;
    this.samePrev[slot] = slot;
    const at = this.n++;
    this.heap[at] = slot;
    this.heapPos[slot] = at;
    this.siftUp(at);
    if (latest) this.remember(ts, slot);
  }

  remove(slot: number): void {
    const next = this.sameNext[slot]!;
    const at = this.heapPos[slot]!;
    if (next !== slot) {
      const prev = this.samePrev[slot]!;
      this.sameNext[prev] = next;
      this.samePrev[next] = prev;
    }
    if (at === NONE) return;
    this.heapPos[slot] = NONE;
    if (next === slot) {
      this.forget(slot, NONE);
      this.removeAt(at);
    } else {
      // The bucket's next timer takes its place: same timestamp, a later registration.
      this.forget(slot, next);
      this.heap[at] = next;
      this.heapPos[next] = at;
      this.siftDown(at);
    }
  }

  grow(capacity: number): void {
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
    this.sameNext = i32(this.sameNext);
    this.samePrev = i32(this.samePrev);
    this.heap = i32(this.heap);
  }

  private recentBucket(ts: number): number {
    for (let i = 0; i < RECENT; i++) if (this.recentHead[i] !== NONE && this.recentTs[i] === ts) return this.recentHead[i]!;
    return NONE;
  }

  private remember(ts: number, slot: number): void {
    this.recentTs[this.recentNext] = ts;
    this.recentHead[this.recentNext] = slot;
    this.recentNext = (this.recentNext + 1) % RECENT;
  }

  /** A bucket's first slot left: the remembered bucket now starts at `next` (or is gone). */
  private forget(slot: number, next: number): void {
    for (let i = 0; i < RECENT; i++) if (this.recentHead[i] === slot) this.recentHead[i] = next;
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
    const n = this.n;
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

  private removeAt(at: number): void {
    const last = this.heap[--this.n]!;
    if (at === this.n) return;
    this.heap[at] = last;
    this.heapPos[last] = at;
    this.siftDown(at);
    if (this.heap[at] === last) this.siftUp(at);
  }
}
