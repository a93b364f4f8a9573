/**
 * Heartbeats (DESIGN.md section 2): the monitoring side asks each target for a heartbeat every
 * `heartbeat.interval`; a target not heard from within `heartbeat.timeout` is declared dead. A lost
 * connection is reported separately and at once by the RPC layer; the timeout catches a silent peer
 * (a frozen process, a network partition).
 */
import { durationOption } from "../config/configuration.js";
export const DEFAULT_HEARTBEAT = { intervalMs: 10_000, timeoutMs: 50_000 };
/** From `heartbeat.interval` / `heartbeat.timeout`: milliseconds, or Flink durations such as "50 s". */
export function heartbeatSettings(config) {
    return {
        intervalMs: durationOption(config, "heartbeat.interval", DEFAULT_HEARTBEAT.intervalMs),
        timeoutMs: durationOption(config, "heartbeat.timeout", DEFAULT_HEARTBEAT.timeoutMs),
    };
}
export class HeartbeatMonitor {
    settings;
    onTimeout;
    now;
    targets = new Map();
    timer;
    constructor(settings, onTimeout, now = Date.now) {
        this.settings = settings;
        this.onTimeout = onTimeout;
        this.now = now;
        this.timer = setInterval(() => this.tick(), Math.max(10, Math.min(settings.intervalMs, settings.timeoutMs / 2)));
        this.timer.unref();
    }
    /** Starts monitoring `id`; `request` asks it for a heartbeat (and processes the answer's payload). */
    monitor(id, request) {
        this.targets.set(id, { lastHeard: this.now(), request });
    }
    unmonitor(id) {
        this.targets.delete(id);
    }
    lastHeard(id) {
        return this.targets.get(id)?.lastHeard;
    }
    lastRequest = 0;
    tick() {
        const now = this.now();
        for (const [id, t] of this.targets) {
            if (now - t.lastHeard > this.settings.timeoutMs) {
                this.targets.delete(id);
                this.onTimeout(id, now - t.lastHeard);
            }
        }
        if (now - this.lastRequest < this.settings.intervalMs)
            return;
        this.lastRequest = now;
        for (const [, t] of this.targets) {
            t.request().then(() => {
                t.lastHeard = this.now();
            }, () => {
                // A failed request is just a missed heartbeat; the timeout decides.
            });
        }
    }
    stop() {
        clearInterval(this.timer);
        this.targets.clear();
    }
}
//# sourceMappingURL=heartbeat.js.map