/**
 * The heap timer queues of one keyed backend, by name, and their part in its snapshots: the
 * backend calls `keyGroupEntries` in the synchronous part of a snapshot and `restore` for every
 * timer table of a restored key group (timer-snapshot.ts). Kept apart so that how heap timers
 * are snapshotted (copied now, or copy-on-write) is decided in one place.
 */
import { HeapTimerQueue } from "./heap-timer-queue.js";
import type { TimerKeyContext } from "./internal-timer-queue.js";
import { HEAP_TIMER_TABLE, type RestoredTimer } from "./timer-snapshot.js";

export class HeapTimerQueues {
  private readonly queues = new Map<string, HeapTimerQueue<unknown>>();

  constructor(private readonly ctx: TimerKeyContext) {}

  queue<N>(name: string): HeapTimerQueue<N> {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new HeapTimerQueue<unknown>(this.ctx)));
    return q as HeapTimerQueue<N>;
  }

  get all(): ReadonlyMap<string, HeapTimerQueue<unknown>> {
    return this.queues;
  }

  /** The "_timer-heap:" tables of key group `group` (relative to the backend's first), for a snapshot. */
  keyGroupTables(group: number, into: Record<string, Array<[unknown, unknown]>>): boolean {
    let any = false;
    for (const [name, q] of this.queues) {
      const entries = q.keyGroupEntries(group);
      if (entries.length === 0) continue;
      into[HEAP_TIMER_TABLE + name] = entries;
      any = true;
    }
    return any;
  }

  restore(queue: string, keyGroup: number, timers: Iterable<RestoredTimer>): void {
    const q = this.queue(queue);
    for (const t of timers) q.restore(keyGroup, t);
  }
}
