/**
 * Plain reference computations of window results: a direct simulation of the documented
 * semantics (Flink's), with no triggers, timers or state backends. Each event is processed after
 * the watermarks before it (watermarksAt); the end of input is a watermark at +Infinity.
 */
import { watermarksAt } from "../../jobs/windowing/support/events.js";
function windowsOf(ts, size, slide) {
    const out = [];
    const last = ts - (((ts % slide) + slide) % slide);
    for (let start = last; start > ts - size; start -= slide)
        out.push([start, start + size]);
    return out;
}
export function referenceWindows(events, c) {
    const keyOf = c.keyOf ?? ((e) => e.key);
    const windows = new Map();
    const firings = [];
    const late = [];
    let W = Number.NEGATIVE_INFINITY;
    const fire = (w) => {
        if (c.evict)
            w.els = c.evict(w.els);
        if (w.els.length > 0)
            firings.push({ key: w.key, start: w.start, end: w.end, els: [...w.els] });
    };
    const advance = (to) => {
        if (to <= W)
            return;
        W = to;
        for (const [id, w] of windows) {
            const maxTs = w.end - 1;
            if (c.trigger.kind === "event" && !w.endFired && maxTs <= W) {
                fire(w);
                w.endFired = true;
            }
            if (c.trigger.kind === "continuous") {
                const interval = c.trigger.interval;
                // The chain of interval timers up to the window's end (a timer at the end itself is the end's firing).
                while (w.fireAt !== undefined && w.fireAt <= Math.min(W, maxTs) && w.fireAt !== maxTs) {
                    fire(w);
                    w.fireAt += interval;
                }
                if (maxTs <= W)
                    fire(w);
            }
            if (maxTs + c.lateness <= W)
                windows.delete(id);
        }
    };
    const marks = watermarksAt(events);
    events.forEach((e, i) => {
        advance(marks[i]);
        let allLate = true;
        for (const [start, end] of windowsOf(e.ts, c.size, c.slide ?? c.size)) {
            if (end - 1 + c.lateness <= W)
                continue;
            allLate = false;
            const id = `${keyOf(e)}|${start}`;
            let w = windows.get(id);
            if (!w)
                windows.set(id, (w = { key: keyOf(e), start, end, els: [], count: 0, fireAt: undefined, endFired: false }));
            w.els.push(e);
            const t = c.trigger;
            if (t.kind === "event") {
                if (end - 1 <= W) {
                    fire(w);
                    w.endFired = true;
                }
            }
            else if (t.kind === "count") {
                if (++w.count >= t.n) {
                    w.count = 0;
                    fire(w);
                    if (t.purge)
                        w.els = [];
                }
            }
            else if (end - 1 <= W)
                fire(w);
            else
                w.fireAt ??= e.ts - (e.ts % t.interval) + t.interval;
        }
        if (allLate && e.ts + c.lateness <= W)
            late.push(e);
    });
    advance(Number.POSITIVE_INFINITY);
    return { firings, late };
}
/** Event-time session windows with the default trigger: merging, firing, late firings, cleanup. */
export function referenceSessions(events, gap, lateness) {
    const sessions = new Map();
    /** Events behind the watermark that merged two or more sessions into one. */
    let bridges = 0;
    const firings = [];
    const late = [];
    let W = Number.NEGATIVE_INFINITY;
    const fire = (key, s) => {
        firings.push({ key, start: s.start, end: s.end, els: [...s.els] });
    };
    const advance = (to) => {
        if (to <= W)
            return;
        W = to;
        for (const [key, list] of sessions) {
            for (const s of list) {
                if (!s.fired && s.end - 1 <= W) {
                    fire(key, s);
                    s.fired = true;
                }
            }
            sessions.set(key, list.filter((s) => s.end - 1 + lateness > W));
        }
    };
    const marks = watermarksAt(events);
    events.forEach((e, i) => {
        advance(marks[i]);
        const list = sessions.get(e.key) ?? [];
        const start = e.ts;
        const end = e.ts + gap;
        const touching = list.filter((s) => s.start <= end && s.end >= start);
        if (touching.length === 0 && end - 1 + lateness <= W) {
            if (e.ts + lateness <= W)
                late.push(e);
            return;
        }
        if (touching.length >= 2 && e.ts <= W)
            bridges++;
        const merged = {
            start: Math.min(start, ...touching.map((s) => s.start)),
            end: Math.max(end, ...touching.map((s) => s.end)),
            els: [...touching.flatMap((s) => s.els), e],
            fired: false,
        };
        const grew = touching.length !== 1 || touching[0].start !== merged.start || touching[0].end !== merged.end;
        // Absorbed into an existing session without changing it: that session keeps its firing state.
        if (!grew)
            merged.fired = touching[0].fired;
        sessions.set(e.key, [...list.filter((s) => !touching.includes(s)), merged]);
        if (merged.end - 1 <= W) {
            fire(e.key, merged);
            merged.fired = true;
        }
    });
    advance(Number.POSITIVE_INFINITY);
    return { firings, late, bridges };
}
/** Sorted JSON lines: results compared as multisets, whatever the order they arrived in. */
export function canonical(values) {
    return values.map((v) => JSON.stringify(v)).sort();
}
//# sourceMappingURL=reference.js.map