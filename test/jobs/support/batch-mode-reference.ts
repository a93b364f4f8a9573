/** Input and reference results of test/jobs/batch-mode.ts. */

export interface Event {
  key: string;
  ts: number;
  v: number;
}

export const WINDOW_SIZE = 10;

/** Timestamps out of order: every fifth element is 15 ms behind the one before it. */
export const BATCH_EVENTS: Event[] = Array.from({ length: 200 }, (_, i) => ({
  key: `k${i % 3}`,
  ts: i % 5 === 4 ? Math.max(0, i * 2 - 15) : i * 2,
  v: i + 1,
}));

/** Batch: every element counts (nothing is late), one sum per key and window. */
export function batchWindowSums(events: Event[]): string[] {
  const sums = new Map<string, number>();
  for (const e of events) {
    const id = `${e.key}@${Math.floor(e.ts / WINDOW_SIZE) * WINDOW_SIZE}`;
    sums.set(id, (sums.get(id) ?? 0) + e.v);
  }
  return [...sums].map(([id, v]) => `${id}:${v}`).sort();
}

/** Batch: the final sum of each key only. */
export function batchFinalSums(events: Event[]): string[] {
  const sums = new Map<string, number>();
  for (const e of events) sums.set(e.key, (sums.get(e.key) ?? 0) + e.v);
  return [...sums].map(([k, v]) => `${k}:${v}`).sort();
}

/** Streaming: a running sum per key, one result per element. */
export function streamingRunningSums(events: Event[]): string[] {
  const sums = new Map<string, number>();
  return events
    .map((e) => {
      const v = (sums.get(e.key) ?? 0) + e.v;
      sums.set(e.key, v);
      return `${e.key}:${v}`;
    })
    .sort();
}

/** Batch: every element sees the watermark at −∞ and every timer fires at the end. */
export function batchTimerOutput(events: Event[]): string[] {
  const timers = new Set(events.map((e) => `timer ${e.key}/${e.ts + 1}`));
  return [...events.map((e) => `element ${e.key}/${e.ts} at watermark -Infinity`), ...timers].sort();
}
