/** Input and reference results of test/jobs/windowing/window-pieces-job.ts (Flink's documented semantics). */

export interface Reading {
  key: string;
  v: number;
  id: number;
}

export const KEYS = ["a", "b", "c"];

/** A deterministic walk per key: values wander up and down by 0..4. */
export function readings(count: number): Reading[] {
  const out: Reading[] = [];
  const level = new Map<string, number>();
  let x = 12345;
  for (let id = 0; id < count; id++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const key = KEYS[id % KEYS.length]!;
    const v = (level.get(key) ?? 50) + ((x >> 8) % 9) - 4;
    level.set(key, v);
    out.push({ key, v, id });
  }
  return out;
}

function byKey(input: Reading[]): Map<string, Reading[]> {
  const m = new Map<string, Reading[]>();
  for (const r of input) m.set(r.key, [...(m.get(r.key) ?? []), r]);
  return m;
}

/**
 * Global windows with DeltaTrigger.of(threshold, |a.v - b.v|) and a sum of v: the first element is
 * the reference; an element further than the threshold from it fires (the window keeps its
 * contents: FIRE) and becomes the reference.
 */
export function deltaTriggerSums(input: Reading[], threshold: number): string[] {
  const out: string[] = [];
  for (const [key, rs] of byKey(input)) {
    let reference: Reading | undefined;
    let sum = 0;
    for (const r of rs) {
      sum += r.v;
      if (reference === undefined) reference = r;
      else if (Math.abs(reference.v - r.v) > threshold) {
        reference = r;
        out.push(`${key}:${sum}`);
      }
    }
  }
  return out.sort();
}

/**
 * Global windows with CountTrigger.of(every) and DeltaEvictor.of(threshold, |a.v - b.v|) before the
 * window function: at each firing, every element at least the threshold away from the window's
 * last element is removed for good; the ids left are emitted.
 */
export function deltaEvictorFirings(input: Reading[], every: number, threshold: number): string[] {
  const out: string[] = [];
  for (const [key, rs] of byKey(input)) {
    let window: Reading[] = [];
    let n = 0;
    for (const r of rs) {
      window.push(r);
      if (++n % every !== 0) continue;
      const last = window[window.length - 1]!;
      window = window.filter((e) => !(Math.abs(e.v - last.v) >= threshold));
      out.push(`${key}:${window.map((e) => e.id).join(",")}`);
    }
  }
  return out.sort();
}

/**
 * ProcessingTimeoutTrigger.of(CountTrigger.of(every), long timeout) over global windows with a
 * purging count: every `every` elements fire (and the count starts again); whatever is left
 * fires when the timeout passes, which for a bounded input is at its end. Sums of v per firing.
 */
export function timeoutFirings(input: Reading[], every: number): string[] {
  const out: string[] = [];
  for (const [key, rs] of byKey(input)) {
    let sum = 0;
    let n = 0;
    for (const r of rs) {
      sum += r.v;
      if (++n % every === 0) {
        out.push(`${key}:${sum}`);
        sum = 0;
      }
    }
    if (n % every !== 0) out.push(`${key}:${sum}`);
  }
  return out.sort();
}

/** GlobalWindows.createWithEndOfStreamTrigger() with a sum: one result per key, at the end. */
export function endOfStreamSums(input: Reading[]): string[] {
  return [...byKey(input)].map(([key, rs]) => `${key}:${rs.reduce((s, r) => s + r.v, 0)}`).sort();
}
