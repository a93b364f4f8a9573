/**
 * Input and reference output of test/jobs/batch-per-key.ts: Flink's batch execution of a keyed
 * process function (docs/architecture.md, "Batch execution mode"). Keys come one after the other in
 * key order; a key's elements in timestamp order (arrival order on ties), each seeing the watermark
 * at −∞; then the key's timers — event time in timestamp order, then processing time — each seeing
 * +∞; timers registered by a timer are dropped. Then the next key.
 */

export interface Reading {
  sensor: string;
  ts: number;
  v: number;
}

/** Five sensors, interleaved, timestamps out of order within each sensor. */
export const READINGS: Reading[] = Array.from({ length: 60 }, (_, i) => ({
  sensor: `s${(i * 7) % 5}`,
  ts: ((i * 37) % 50) * 10,
  v: i,
}));

/** Each element registers an event-time timer this far after its timestamp. */
export const TIMER_DELAY = 25;

export function batchPerKeyReference(readings: Reading[]): string[] {
  const bySensor = new Map<string, Reading[]>();
  for (const r of readings) bySensor.set(r.sensor, [...(bySensor.get(r.sensor) ?? []), r]);
  const out: string[] = [];
  for (const sensor of [...bySensor.keys()].sort()) {
    const rs = bySensor.get(sensor)!.map((r, i) => ({ r, i })).sort((a, b) => a.r.ts - b.r.ts || a.i - b.i).map((x) => x.r);
    let sum = 0;
    for (const r of rs) {
      sum += r.v;
      out.push(`element ${sensor}/${r.ts} watermark -Infinity`);
    }
    for (const t of [...new Set(rs.map((r) => r.ts + TIMER_DELAY))].sort((a, b) => a - b)) out.push(`event-time timer ${sensor}/${t} watermark Infinity sum ${sum}`);
    out.push(`processing-time timer ${sensor} watermark Infinity sum ${sum}`);
  }
  return out;
}

/** Batch keyed reduce: one final sum per key, in key order. */
export function batchSumsInKeyOrder(readings: Reading[]): string[] {
  const sums = new Map<string, number>();
  for (const r of readings) sums.set(r.sensor, (sums.get(r.sensor) ?? 0) + r.v);
  return [...sums.keys()].sort().map((k) => `${k}:${sums.get(k)}`);
}
