/**
 * The heap timer queues of one keyed backend, by name, and their part in its snapshots: the
 * backend calls `snapshot` in the synchronous part of a snapshot, reads the result out per key
 * group in the asynchronous part, and calls `restore` for every timer table of a restored key
 * group (timer-snapshot.ts). Kept apart so that how heap timers are snapshotted is decided in one
 * place (heap-timer-snapshot.ts).
 */
import { HeapTimerQueue } from "./heap-timer-queue.js";
import type { HeapTimerSnapshot } from "./heap-timer-snapshot.js";
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

  /** The synchronous part of a snapshot of every queue. */
  snapshot(): HeapTimersSnapshot {
    return new HeapTimersSnapshot(new Map([...this.queues].map(([name, q]) => [name, q.snapshot()])), this.ctx.keyGroupEnd - this.ctx.keyGroupStart + 1);
  }

  restore(queue: string, keyGroup: number, timers: Iterable<RestoredTimer>): void {
    const q = this.queue(queue);
    for (const t of timers) q.restore(keyGroup, t);
  }
}

/** The heap timer queues of a backend at a snapshot, read out per key group. */
export class HeapTimersSnapshot {
  constructor(
    readonly queues: ReadonlyMap<string, HeapTimerSnapshot>,
    readonly keyGroups: number,
  ) {}

  /** Adds the "_timer-heap:" tables of key group `group` (relative to the backend's first) to `into`; whether there were any. */
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
}
