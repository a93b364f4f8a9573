/**
 * A timer queue that notes which keys' timers changed (added, removed, fired), in front of the
 * wrapped backend's queue: the state changelog's view of timers, as TrackingStateMap is of state
 * entries. At a checkpoint the changelog writes, per changed key, the key's timers as they are
 * (or that it has none), so replaying a segment replaces those keys' timers
 * (docs/state-backends.md, "Incremental checkpoints").
 */
import { keyGroupFor } from "../../../graph/key-groups.js";
import type { Namespace } from "../state-cell.js";
import { toStateKey, type StateKey } from "../state-key.js";
import type { InternalTimerQueue, PolledTimer, Timer, TimerKeyContext } from "../timers/internal-timer-queue.js";
import type { RestoredTimer } from "../timers/timer-snapshot.js";

export class TrackingTimerQueue<N> implements InternalTimerQueue<N> {
  /** Per key group (relative), the keys whose timers may have changed since last taken. */
  changed: Set<StateKey>[];

  constructor(
    readonly inner: InternalTimerQueue<N>,
    private readonly ctx: TimerKeyContext & { readonly maxParallelism: number },
  ) {
    this.changed = Array.from({ length: ctx.keyGroupEnd - ctx.keyGroupStart + 1 }, () => new Set<StateKey>());
  }

  /** The changed keys of key group `g` (relative) so far; tracking starts afresh. */
  takeChanged(g: number): Set<StateKey> {
    const taken = this.changed[g]!;
    this.changed[g] = new Set();
    return taken;
  }

  /** Every key with timers in these key groups (absolute) counts as changed. */
  markAll(keyGroups: Iterable<number>): void {
    for (const kg of keyGroups) for (const k of this.inner.keysOf(kg)) this.changed[kg - this.ctx.keyGroupStart]!.add(k);
  }

  get size(): number {
    return this.inner.size;
  }

  add(timestamp: number, namespace: N, ns: Namespace): boolean {
    const added = this.inner.add(timestamp, namespace, ns);
    if (added) this.noteCurrent();
    return added;
  }

  remove(timestamp: number, ns: Namespace): boolean {
    const removed = this.inner.remove(timestamp, ns);
    if (removed) this.noteCurrent();
    return removed;
  }

  peekTimestamp(): number {
    return this.inner.peekTimestamp();
  }

  poll(into: PolledTimer<N>): boolean {
    if (!this.inner.poll(into)) return false;
    this.changed[keyGroupFor(into.key, this.ctx.maxParallelism) - this.ctx.keyGroupStart]!.add(toStateKey(into.key));
    return true;
  }

  reviveNamespaces(revive: (namespace: N) => N): void {
    this.inner.reviveNamespaces(revive);
  }

  timers(): IterableIterator<Timer<N>> {
    return this.inner.timers();
  }

  keysOf(keyGroup: number): Iterable<StateKey> {
    return this.inner.keysOf(keyGroup);
  }

  timersOf(keyGroup: number, stateKey: StateKey): RestoredTimer[] {
    return this.inner.timersOf(keyGroup, stateKey);
  }

  clearKey(keyGroup: number, stateKey: StateKey): void {
    this.inner.clearKey(keyGroup, stateKey);
  }

  private noteCurrent(): void {
    this.changed[this.ctx.currentKeyGroup - this.ctx.keyGroupStart]!.add(this.ctx.currentStateKey);
  }
}
