/** Restart strategies (Flink's names and defaults). */
export type RestartStrategyConfig = {
    type: "none";
} | {
    type: "fixed-delay";
    attempts: number;
    delayMs: number;
} | {
    type: "failure-rate";
    maxFailuresPerInterval: number;
    failureRateIntervalMs: number;
    delayMs: number;
} | {
    type: "exponential-delay";
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    backoffMultiplier?: number;
    resetBackoffThresholdMs?: number;
    jitterFactor?: number;
    /** Give up after this many restarts (unbounded when absent). */
    attempts?: number;
};
export declare const RestartStrategies: {
    noRestart: () => RestartStrategyConfig;
    fixedDelayRestart: (attempts: number, delayMs: number) => RestartStrategyConfig;
    failureRateRestart: (maxFailuresPerInterval: number, failureRateIntervalMs: number, delayMs: number) => RestartStrategyConfig;
    exponentialDelayRestart: (options?: Omit<Extract<RestartStrategyConfig, {
        type: "exponential-delay";
    }>, "type">) => RestartStrategyConfig;
};
