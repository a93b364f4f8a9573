/**
 * Time as a service (docs/architecture.md, "Components"): control-plane components read the time
 * and schedule timers only through a Clock, so that component tests and the deterministic simulation
 * can run them on a manual clock instead of waiting for real time to pass.
 */

/** A scheduled callback; cancelling one that already ran (or was cancelled) does nothing. */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch (the system clock) or since the start (a manual clock). */
  now(): number;
  /** Runs `fn` once after `delayMs`. System timers are unref'ed: they never keep a process alive. */
  setTimeout(fn: () => void, delayMs: number): Timer;
  /** Runs `fn` every `periodMs` until cancelled. */
  setInterval(fn: () => void, periodMs: number): Timer;
}

/** The real clock: Date.now and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, delayMs) {
    const t = setTimeout(fn, Math.max(0, delayMs));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
  setInterval(fn, periodMs) {
    const t = setInterval(fn, Math.max(1, periodMs));
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
};

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  periodMs?: number;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to. Timers due at the same instant run in the order they were
 * scheduled, so a run is the same every time. `advance` runs every timer that falls due on the way,
 * including those that the callbacks schedule.
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly queue: Scheduled[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, delayMs: number): Timer {
    return this.schedule(fn, Math.max(0, delayMs));
  }

  setInterval(fn: () => void, periodMs: number): Timer {
    return this.schedule(fn, Math.max(1, periodMs), Math.max(1, periodMs));
  }

  /** The time of the next timer, if any. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.queue[0]?.at;
  }

  /** Number of timers still scheduled. */
  get pending(): number {
    this.dropCancelled();
    return this.queue.length;
  }

  /** Moves time forward by `ms`, running every timer due up to then. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  advanceTo(time: number): void {
    for (;;) {
      this.dropCancelled();
      const next = this.queue[0];
      if (!next || next.at > time) break;
      this.fire(this.queue.shift()!);
    }
    this.current = Math.max(this.current, time);
  }

  /** Runs the next due timer (moving time to it); false when none is scheduled. */
  runNext(): boolean {
    const at = this.nextDue();
    if (at === undefined) return false;
    this.fire(this.queue.shift()!);
    return true;
  }

  private fire(next: Scheduled): void {
    this.current = Math.max(this.current, next.at);
    // A periodic timer is queued again before it runs, so that cancelling it from its callback works.
    if (next.periodMs !== undefined) this.insert({ ...next, at: next.at + next.periodMs, seq: this.seq++ }, next);
    else this.handles.delete(next);
    next.fn();
  }

  private schedule(fn: () => void, delayMs: number, periodMs?: number): Timer {
    const entry: Scheduled = { at: this.current + delayMs, seq: this.seq++, fn, cancelled: false };
    if (periodMs !== undefined) entry.periodMs = periodMs;
    this.insert(entry);
    // A periodic timer re-inserts a copy of itself; the handle cancels whichever copy is queued.
    const handle = { entry };
    this.handles.set(entry, handle);
    return {
      cancel: () => {
        handle.entry.cancelled = true;
      },
    };
  }

  private readonly handles = new Map<Scheduled, { entry: Scheduled }>();

  private insert(entry: Scheduled, replaces?: Scheduled): void {
    if (replaces) {
      const handle = this.handles.get(replaces);
      if (handle) {
        this.handles.delete(replaces);
        this.handles.set(entry, handle);
        handle.entry = entry;
        if (replaces.cancelled) return;
      }
    }
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid]!;
      if (q.at < entry.at || (q.at === entry.at && q.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }

  private dropCancelled(): void {
    while (this.queue.length > 0 && this.queue[0]!.cancelled) {
      const e = this.queue.shift()!;
      this.handles.delete(e);
    }
  }
}
