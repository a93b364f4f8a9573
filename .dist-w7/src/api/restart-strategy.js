export const RestartStrategies = {
    noRestart: () => ({ type: "none" }),
    fixedDelayRestart: (attempts, delayMs) => ({ type: "fixed-delay", attempts, delayMs }),
    failureRateRestart: (maxFailuresPerInterval, failureRateIntervalMs, delayMs) => ({
        type: "failure-rate",
        maxFailuresPerInterval,
        failureRateIntervalMs,
        delayMs,
    }),
    exponentialDelayRestart: (options = {}) => ({
        type: "exponential-delay",
        ...options,
    }),
};
//# sourceMappingURL=restart-strategy.js.map