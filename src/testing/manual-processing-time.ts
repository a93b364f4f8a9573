import type { ProcessingTimeService } from "../runtime/operators/stream-operator.js";

/** A processing-time clock that moves only when a test says so; due timers fire in timestamp order. */
export class ManualProcessingTimeService implements ProcessingTimeService {
  private time: number;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(timestamp: number, callback: (timestamp: number) => void): () => void {
    const t = { at: timestamp, seq: this.seq++, fire: () => callback(timestamp) };
    this.timers.push(t);
    return () => {
      this.timers = this.timers.filter((x) => x !== t);
    };
  }

  scheduleAtFixedRate(intervalMs: number, callback: () => void): () => void {
    let cancelled = false;
    let cancelCurrent = (): void => {};
    const schedule = (at: number): void => {
      cancelCurrent = this.setTimer(at, () => {
        if (cancelled) return;
        callback();
        schedule(at + intervalMs);
      });
    };
    schedule(this.time + intervalMs);
    return () => {
      cancelled = true;
      cancelCurrent();
    };
  }

  /** Moves the clock to `timestamp`, firing every timer due by then, earliest first. */
  advanceTo(timestamp: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= timestamp).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fire();
    }
    this.time = Math.max(this.time, timestamp);
  }
}
