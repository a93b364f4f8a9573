/**
 * The receiving side of heartbeats (docs/architecture.md, "Components"): a TaskExecutor is asked for
 * heartbeats by the ResourceManager and by each JobMaster it holds slots for, and presumes a monitor
 * gone (frozen, or partitioned away while its connection stays up) when it has not asked within
 * heartbeat.timeout. The asking side is HeartbeatMonitor (src/cluster/heartbeat.ts).
 */
import type { HeartbeatSettings } from "../heartbeat.js";
import type { Clock, Timer } from "../../util/clock.js";

export class HeartbeatWatch {
  private readonly lastHeard = new Map<string, number>();
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly settings: HeartbeatSettings,
    /** `id` has not asked for `silentForMs`; it is no longer watched until heard from again. */
    private readonly onSilent: (id: string, silentForMs: number) => void,
  ) {}

  start(): void {
    this.timer ??= this.clock.setInterval(() => this.check(), Math.max(50, this.settings.intervalMs));
  }

  /** `id` asked for a heartbeat now (or starts being watched). */
  heard(id: string): void {
    this.lastHeard.set(id, this.clock.now());
  }

  forget(id: string): void {
    this.lastHeard.delete(id);
  }

  stop(): void {
    this.timer?.cancel();
    this.lastHeard.clear();
  }

  private check(): void {
    const now = this.clock.now();
    for (const [id, last] of this.lastHeard) {
      if (now - last <= this.settings.timeoutMs) continue;
      this.lastHeard.delete(id);
      this.onSilent(id, now - last);
    }
  }
}
