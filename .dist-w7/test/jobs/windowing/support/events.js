function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
export const DEFAULT_EVENTS = { count: 360, keys: 6, step: 12, jitter: 60, bound: 40, epoch: 24, lateEvery: 9, lateBy: 160 };
export function generateEvents(seed, options = {}) {
    const o = { ...DEFAULT_EVENTS, ...options };
    const rnd = mulberry32(seed);
    const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
    const events = [];
    let clock = 1000;
    let maxTs = Number.NEGATIVE_INFINITY;
    let wm = Number.NEGATIVE_INFINITY;
    for (let id = 0; id < o.count; id++) {
        clock += int(0, 2 * o.step);
        const late = id % o.lateEvery === o.lateEvery - 1 && wm > Number.NEGATIVE_INFINITY;
        const ts = late ? wm - int(0, o.lateBy) : clock - int(0, o.jitter);
        const e = { id, key: `k${int(0, o.keys - 1)}`, ts, v: int(1, 9), side: rnd() < 0.5 ? "L" : "R" };
        if (id > 0 && id % o.epoch === 0 && maxTs - o.bound > wm) {
            wm = maxTs - o.bound;
            e.wm = wm;
        }
        if (ts > maxTs)
            maxTs = ts;
        events.push(e);
    }
    return events;
}
/** The watermark every operator has seen when it processes each event. */
export function watermarksAt(events) {
    let wm = Number.NEGATIVE_INFINITY;
    return events.map((e) => (wm = e.wm ?? wm));
}
//# sourceMappingURL=events.js.map