/** Restart strategies (Flink's names and defaults). */
export type RestartStrategyConfig =
  | { type: "none" }
  | { type: "fixed-delay"; attempts: number; delayMs: number }
  | { type: "failure-rate"; maxFailuresPerInterval: number; failureRateIntervalMs: number; delayMs: number }
  | {
      type: "exponential-delay";
      initialBackoffMs?: number;
      maxBackoffMs?: number;
      backoffMultiplier?: number;
      resetBackoffThresholdMs?: number;
      jitterFactor?: number;
      /** Give up after this many restarts (unbounded when absent). */
      attempts?: number;
    };

export const RestartStrategies = {
  noRestart: (): RestartStrategyConfig => ({ type: "none" }),
  fixedDelayRestart: (attempts: number, delayMs: number): RestartStrategyConfig => ({ type: "fixed-delay", attempts, delayMs }),
  failureRateRestart: (maxFailuresPerInterval: number, failureRateIntervalMs: number, delayMs: number): RestartStrategyConfig => ({
    type: "failure-rate",
    maxFailuresPerInterval,
    failureRateIntervalMs,
    delayMs,
  }),
  exponentialDelayRestart: (options: Omit<Extract<RestartStrategyConfig, { type: "exponential-delay" }>, "type"> = {}): RestartStrategyConfig => ({
    type: "exponential-delay",
    ...options,
  }),
};
