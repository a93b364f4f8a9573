export interface HeartbeatSettings {
    intervalMs: number;
    timeoutMs: number;
}
export declare const DEFAULT_HEARTBEAT: HeartbeatSettings;
/** From `heartbeat.interval` / `heartbeat.timeout`: milliseconds, or Flink durations such as "50 s". */
export declare function heartbeatSettings(config: Readonly<Record<string, string>>): HeartbeatSettings;
export declare class HeartbeatMonitor {
    private readonly settings;
    private readonly onTimeout;
    private readonly now;
    private readonly targets;
    private readonly timer;
    constructor(settings: HeartbeatSettings, onTimeout: (id: string, silentForMs: number) => void, now?: () => number);
    /** Starts monitoring `id`; `request` asks it for a heartbeat (and processes the answer's payload). */
    monitor(id: string, request: () => Promise<void>): void;
    unmonitor(id: string): void;
    lastHeard(id: string): number | undefined;
    private lastRequest;
    private tick;
    stop(): void;
}
