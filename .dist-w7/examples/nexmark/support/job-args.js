export const DEFAULT_EVENTS = 100_000;
export function parseNexmarkArgs(args) {
    const positional = [];
    const named = new Map();
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        const kv = /^(?:--)?([a-z][\w-]*)=(.*)$/i.exec(a);
        if (kv)
            named.set(kv[1], kv[2]);
        else if (a.startsWith("--") && i + 1 < args.length)
            named.set(a.slice(2), args[++i]);
        else
            positional.push(a);
    }
    const number = (key, fallback, position) => {
        const raw = named.get(key) ?? (position === undefined ? undefined : positional[position]);
        if (raw === undefined)
            return fallback;
        const n = Number(raw.replace(/_/g, ""));
        if (!Number.isFinite(n) || n < 0)
            throw new Error(`nexmark: ${key} must be a non-negative number, got "${raw}"`);
        return n;
    };
    const sink = named.get("sink") ?? "print";
    if (sink !== "print" && sink !== "discard" && sink !== "collect")
        throw new Error(`nexmark: sink must be print, discard or collect, got "${sink}"`);
    return {
        events: number("events", DEFAULT_EVENTS, 0),
        rate: number("rate", 0, 1),
        eventRate: number("event-rate", undefined),
        seed: number("seed", 0),
        sink,
        path: named.get("path"),
        checkpointInterval: number("checkpoint-interval", 0),
    };
}
//# sourceMappingURL=job-args.js.map