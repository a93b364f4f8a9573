/**
 * Busy / backpressured / idle time of a task, as milliseconds per second over the last full
 * second (Flink's busyTimeMsPerSecond, backPressuredTimeMsPerSecond, idleTimeMsPerSecond).
 */
export type TaskActivity = "busy" | "backpressured" | "idle";
export declare class TimeAccounting {
    private activity;
    private since;
    private windowStart;
    private current;
    private last;
    switchTo(activity: TaskActivity): void;
    private account;
    perSecond(): {
        busy: number;
        backpressured: number;
        idle: number;
    };
}
