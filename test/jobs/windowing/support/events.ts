/**
 * Deterministic out-of-order event streams with late events, shared by the windowing job files
 * (which run them) and the tests (which compute the expected results with a plain reference).
 *
 * A watermark is carried by the event it precedes (`wm`): the source emits that watermark just
 * before the event, and pauses before it until everything emitted so far has left the task (see
 * epoch-source.ts), so every operator sees each event after exactly the watermarks before it,
 * whatever the parallelism: `watermarkAt(e)` is the same in the job and in the reference.
 */
export interface Ev {
  id: number;
  key: string;
  ts: number;
  v: number;
  /** Watermark emitted just before this event. */
  wm?: number;
  /** Which input of a two-input job the event belongs to. */
  side: "L" | "R";
  /** Set on the source's watermark markers only (see epoch-source.ts); never reaches the pipelines. */
  marker?: true;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EventOptions {
  count: number;
  keys: number;
  /** Average event-time step between consecutive events. */
  step: number;
  /** Out-of-orderness of ordinary events. */
  jitter: number;
  /** The watermark trails the largest timestamp by this much. */
  bound: number;
  /** A watermark every this many events. */
  epoch: number;
  /** Every n-th event is late on purpose, by up to `lateBy` behind the watermark. */
  lateEvery: number;
  lateBy: number;
}

export const DEFAULT_EVENTS: EventOptions = { count: 360, keys: 6, step: 12, jitter: 60, bound: 40, epoch: 24, lateEvery: 9, lateBy: 160 };

export function generateEvents(seed: number, options: Partial<EventOptions> = {}): Ev[] {
  const o = { ...DEFAULT_EVENTS, ...options };
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const events: Ev[] = [];
  let clock = 1000;
  let maxTs = Number.NEGATIVE_INFINITY;
  let wm = Number.NEGATIVE_INFINITY;
  for (let id = 0; id < o.count; id++) {
    clock += int(0, 2 * o.step);
    const late = id % o.lateEvery === o.lateEvery - 1 && wm > Number.NEGATIVE_INFINITY;
    const ts = late ? wm - int(0, o.lateBy) : clock - int(0, o.jitter);
    const e: Ev = { id, key: `k${int(0, o.keys - 1)}`, ts, v: int(1, 9), side: rnd() < 0.5 ? "L" : "R" };
    if (id > 0 && id % o.epoch === 0 && maxTs - o.bound > wm) {
      wm = maxTs - o.bound;
      e.wm = wm;
    }
    if (ts > maxTs) maxTs = ts;
    events.push(e);
  }
  return events;
}

/** The watermark every operator has seen when it processes each event. */
export function watermarksAt(events: readonly Ev[]): number[] {
  let wm = Number.NEGATIVE_INFINITY;
  return events.map((e) => (wm = e.wm ?? wm));
}
