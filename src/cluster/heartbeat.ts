/**
 * Heartbeats (docs/architecture.md, "Components"): the monitoring side asks each target for a heartbeat every
 * `heartbeat.interval`; a target not heard from within `heartbeat.timeout` is declared dead. A lost
 * connection is reported separately and at once by the RPC layer; the timeout catches a silent peer
 * (a frozen process, a network partition).
 */
import { readOption } from "../config/config-option.js";
import type { Configuration } from "../config/configuration.js";
import { HeartbeatOptions } from "./heartbeat-options.js";
import { systemClock, type Clock, type Timer } from "../util/clock.js";

export interface HeartbeatSettings {
  intervalMs: number;
  timeoutMs: number;
}

/** From `heartbeat.interval` / `heartbeat.timeout`: milliseconds, or Flink durations such as "50 s". */
export function heartbeatSettings(config: Readonly<Configuration>): HeartbeatSettings {
  return { intervalMs: readOption(config, HeartbeatOptions.INTERVAL), timeoutMs: readOption(config, HeartbeatOptions.TIMEOUT) };
}

interface Target {
  lastHeard: number;
  request: () => Promise<void>;
}

export class HeartbeatMonitor {
  private readonly targets = new Map<string, Target>();
  private readonly timer: Timer;

  constructor(
    private readonly settings: HeartbeatSettings,
    private readonly onTimeout: (id: string, silentForMs: number) => void,
    private readonly clock: Clock = systemClock,
  ) {
    this.timer = clock.setInterval(() => this.tick(), Math.max(10, Math.min(settings.intervalMs, settings.timeoutMs / 2)));
  }

  private now(): number {
    return this.clock.now();
  }

  /** Starts monitoring `id`; `request` asks it for a heartbeat (and processes the answer's payload). */
  monitor(id: string, request: () => Promise<void>): void {
    this.targets.set(id, { lastHeard: this.now(), request });
  }

  unmonitor(id: string): void {
    this.targets.delete(id);
  }

  lastHeard(id: string): number | undefined {
    return this.targets.get(id)?.lastHeard;
  }

  private lastRequest = 0;

  private tick(): void {
    const now = this.now();
    for (const [id, t] of this.targets) {
      if (now - t.lastHeard > this.settings.timeoutMs) {
        this.targets.delete(id);
        this.onTimeout(id, now - t.lastHeard);
      }
    }
    if (now - this.lastRequest < this.settings.intervalMs) return;
    this.lastRequest = now;
    for (const [, t] of this.targets) {
      t.request().then(
        () => {
          t.lastHeard = this.now();
        },
        () => {
          // A failed request is just a missed heartbeat; the timeout decides.
        },
      );
    }
  }

  stop(): void {
    this.timer.cancel();
    this.targets.clear();
  }
}
