import type { ProcessingTimeService } from "../operators/stream-operator.js";

/**
 * Wall-clock timers for one task. Callbacks run on the task's thread between records; an error
 * in one fails the task (reported through `onError`) instead of escaping as an uncaught exception.
 */
export class TaskProcessingTimeService implements ProcessingTimeService {
  private readonly handles = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly onError: (e: unknown) => void) {}

  now(): number {
    return Date.now();
  }

  setTimer(timestamp: number, callback: (timestamp: number) => void): () => void {
    if (this.stopped) return () => {};
    const h = setTimeout(() => {
      this.handles.delete(h);
      this.run(() => callback(timestamp));
    }, Math.max(0, timestamp - Date.now()));
    this.handles.add(h);
    return () => {
      clearTimeout(h);
      this.handles.delete(h);
    };
  }

  scheduleAtFixedRate(intervalMs: number, callback: () => void): () => void {
    if (this.stopped) return () => {};
    const h = setInterval(() => this.run(callback), intervalMs);
    this.handles.add(h);
    return () => {
      clearInterval(h);
      this.handles.delete(h);
    };
  }

  private run(callback: () => void): void {
    if (this.stopped) return;
    try {
      callback();
    } catch (e) {
      this.onError(e);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }
}
