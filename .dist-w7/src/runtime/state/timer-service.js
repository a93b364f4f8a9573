import { BinaryHeap } from "./binary-heap.js";
const ARRAY_LIMIT = 32;
function findTimer(cur, timestamp, ns) {
    if (cur instanceof Map)
        return cur.get(timestamp)?.find((t) => t.ns === ns);
    if (Array.isArray(cur)) {
        for (let i = 0; i < cur.length; i++) {
            const t = cur[i];
            if (t.timestamp === timestamp && t.ns === ns)
                return t;
        }
        return undefined;
    }
    return cur.timestamp === timestamp && cur.ns === ns ? cur : undefined;
}
/** `cur` with `timer` added (a new value when the form changes). */
function withTimer(cur, timer) {
    if (cur === undefined)
        return timer;
    if (cur instanceof Map) {
        const atTime = cur.get(timer.timestamp);
        if (atTime)
            atTime.push(timer);
        else
            cur.set(timer.timestamp, [timer]);
        return cur;
    }
    if (!Array.isArray(cur))
        return [cur, timer];
    if (cur.length < ARRAY_LIMIT) {
        cur.push(timer);
        return cur;
    }
    const byTime = new Map();
    for (const t of [...cur, timer])
        withTimer(byTime, t);
    return byTime;
}
/** `cur` without `timer` (undefined when none is left). */
function withoutTimer(cur, timer) {
    if (cur instanceof Map) {
        const atTime = cur.get(timer.timestamp);
        atTime.splice(atTime.indexOf(timer), 1);
        if (atTime.length === 0)
            cur.delete(timer.timestamp);
        return cur.size === 0 ? undefined : cur;
    }
    if (Array.isArray(cur)) {
        cur.splice(cur.indexOf(timer), 1);
        return cur.length === 0 ? undefined : cur.length === 1 ? cur[0] : cur;
    }
    return undefined;
}
function allTimers(cur) {
    if (cur instanceof Map)
        return [...cur.values()].flat();
    return Array.isArray(cur) ? cur : [cur];
}
export class TimerService {
    backend;
    domain;
    onTimer;
    nsOf;
    clock;
    table;
    heap = TimerService.newHeap();
    seq = 0;
    live = 0;
    firing = false;
    /** Processing time: the wall-clock timer armed for the earliest timer, if any. */
    armedAt = Number.POSITIVE_INFINITY;
    disarm;
    constructor(backend, domain, 
    /** Called with the key of the timer set as the backend's current key. */
    onTimer, nsOf, clock, name = "") {
        this.backend = backend;
        this.domain = domain;
        this.onTimer = onTimer;
        this.nsOf = nsOf;
        this.clock = clock;
        this.table = backend.table(`_timers:${domain}${name ? ":" + name : ""}`);
    }
    static newHeap() {
        return new BinaryHeap((a, b) => a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq));
    }
    /** Number of pending timers. */
    get size() {
        return this.live;
    }
    /** Registers a timer for the backend's current key. */
    register(namespace, timestamp) {
        const ns = this.nsOf(namespace);
        const sk = this.backend.currentStateKey;
        // Windows register the same timer twice per element (trigger, cleanup): skip the lookup then.
        if (this.lastVersion === this.version && this.lastSk === sk && this.lastTs === timestamp && this.lastNs === ns)
            return;
        this.lastVersion = this.version;
        this.lastSk = sk;
        this.lastTs = timestamp;
        this.lastNs = ns;
        const group = this.backend.currentGroup(this.table);
        const cur = group.get(sk);
        if (cur !== undefined && findTimer(cur, timestamp, ns))
            return;
        const timer = this.make(namespace, ns, timestamp);
        const next = withTimer(cur, timer);
        if (next !== cur)
            group.set(sk, next);
        this.heap.push(timer);
        this.live++;
        if (this.domain === "processing")
            this.arm();
    }
    /** The last timer registered (or found registered), valid while no timer was removed since. */
    lastSk;
    lastTs = Number.NaN;
    lastNs;
    lastVersion = -1;
    version = 0;
    make(namespace, ns, timestamp) {
        return { timestamp, key: this.backend.getCurrentKey(), namespace, ns, seq: this.seq++ };
    }
    /** Deletes a timer of the backend's current key; nothing happens when there is none. */
    delete(namespace, timestamp) {
        const group = this.backend.currentGroup(this.table);
        if (!this.remove(group, this.backend.currentStateKey, timestamp, this.nsOf(namespace)))
            return;
        // Deleted timers stay in the heap until they surface; don't let them pile up.
        if (this.heap.size > 1024 && this.heap.size > 4 * this.live)
            this.rebuildHeap();
    }
    /** Removes the timer from the table; returns it when there was one. */
    remove(group, sk, timestamp, ns) {
        const cur = group.get(sk);
        const found = cur === undefined ? undefined : findTimer(cur, timestamp, ns);
        if (!found)
            return undefined;
        this.version++;
        const next = withoutTimer(cur, found);
        if (next === undefined)
            group.delete(sk);
        else if (next !== cur)
            group.set(sk, next);
        this.live--;
        return found;
    }
    /**
     * Fires, in order, every timer with timestamp <= `time`, including timers that firing
     * registers at or before `time` (a watermark jump fires everything it passes, once each).
     */
    advance(time) {
        if (this.firing)
            return; // a timer callback moving time again is handled by the running loop
        this.firing = true;
        try {
            for (;;) {
                const next = this.heap.peek();
                if (!next || next.timestamp > time)
                    break;
                this.heap.pop();
                this.backend.setCurrentKey(next.key);
                const group = this.backend.currentGroup(this.table);
                const sk = this.backend.currentStateKey;
                const cur = group.get(sk);
                // Only if this very registration is still there (not deleted, not deleted and registered again).
                const live = cur === undefined ? undefined : findTimer(cur, next.timestamp, next.ns);
                if (!live || live.seq !== next.seq)
                    continue;
                this.remove(group, sk, next.timestamp, next.ns);
                // The heap's own object: on a backend that stores state serialized (lmdb) `live` is a
                // copy whose namespace (a window) lost its class.
                this.onTimer(next);
            }
        }
        finally {
            this.firing = false;
        }
    }
    /** The earliest pending timestamp (possibly of a deleted timer), or +Infinity. */
    nextTimestamp() {
        return this.heap.peek()?.timestamp ?? Number.POSITIVE_INFINITY;
    }
    /** Processing time: keeps one wall-clock timer armed for the earliest pending timer. */
    arm() {
        const clock = this.clock;
        const next = this.nextTimestamp();
        if (next >= this.armedAt)
            return;
        this.disarm?.();
        this.armedAt = next;
        this.disarm = clock.setTimer(next, () => {
            this.armedAt = Number.POSITIVE_INFINITY;
            this.disarm = undefined;
            this.advance(clock.now());
            if (this.live > 0)
                this.arm();
        });
    }
    /** Stops the wall-clock timer (operator closing). */
    stop() {
        this.disarm?.();
        this.disarm = undefined;
        this.armedAt = Number.POSITIVE_INFINITY;
    }
    /** The heap from the table: after a restore, or to drop entries of deleted timers. */
    rebuildHeap(rehydrate) {
        this.heap = TimerService.newHeap();
        this.live = 0;
        for (const group of this.table.groups) {
            for (const [sk, cur] of [...group.entries()]) {
                const timers = allTimers(cur).map((t) => this.track(t, rehydrate));
                // Restored namespaces are new objects: store the timers that hold them.
                if (rehydrate)
                    group.set(sk, timers.slice(1).reduce((acc, t) => withTimer(acc, t), timers[0]));
            }
        }
    }
    track(t, rehydrate) {
        const timer = rehydrate ? { ...t, namespace: rehydrate(t.namespace) } : t;
        this.heap.push(timer);
        this.live++;
        if (timer.seq >= this.seq)
            this.seq = timer.seq + 1;
        return timer;
    }
    /**
     * After a restore: the timers are back in the backend's table (per key group) but not in the
     * firing order. Rebuilds it, in the original registration order per timestamp; `rehydrate`
     * turns deserialized namespaces (plain objects) back into what the operator uses.
     */
    restore(rehydrate = (n) => n) {
        this.rebuildHeap(rehydrate);
        if (this.domain === "processing" && this.live > 0)
            this.arm();
    }
    /** Every pending timer (for tests). */
    *timers() {
        for (const group of this.table.groups)
            for (const cur of group.values())
                yield* allTimers(cur);
    }
}
//# sourceMappingURL=timer-service.js.map