/**
 * Busy / backpressured / idle time of a task, as milliseconds per second over the last full
 * second (Flink's busyTimeMsPerSecond, backPressuredTimeMsPerSecond, idleTimeMsPerSecond), and
 * their totals since the task started (Flink's accumulatedBusyTime, … of IOMetricsInfo).
 */
export type TaskActivity = "busy" | "backpressured" | "idle";

export class TimeAccounting {
  private activity: TaskActivity = "idle";
  private since = performance.now();
  private windowStart = this.since;
  private current = { busy: 0, backpressured: 0, idle: 0 };
  private last = { busy: 0, backpressured: 0, idle: 1000 };
  private readonly total = { busy: 0, backpressured: 0, idle: 0 };

  switchTo(activity: TaskActivity): void {
    if (activity === this.activity) return;
    this.account(performance.now());
    this.activity = activity;
  }

  private account(now: number): void {
    // Close finished one-second windows, splitting the current stretch at window boundaries.
    while (now - this.windowStart >= 1000) {
      const end = this.windowStart + 1000;
      this.current[this.activity] += end - this.since;
      this.total[this.activity] += end - this.since;
      this.last = this.current;
      this.current = { busy: 0, backpressured: 0, idle: 0 };
      this.windowStart = end;
      this.since = end;
    }
    this.current[this.activity] += now - this.since;
    this.total[this.activity] += now - this.since;
    this.since = now;
  }

  perSecond(): { busy: number; backpressured: number; idle: number } {
    this.account(performance.now());
    const r = (x: number): number => Math.round(x);
    return { busy: r(this.last.busy), backpressured: r(this.last.backpressured), idle: r(this.last.idle) };
  }

  /** Milliseconds spent in each activity since the task started. */
  accumulated(): { busy: number; backpressured: number; idle: number } {
    this.account(performance.now());
    return { busy: Math.round(this.total.busy), backpressured: Math.round(this.total.backpressured), idle: Math.round(this.total.idle) };
  }
}
