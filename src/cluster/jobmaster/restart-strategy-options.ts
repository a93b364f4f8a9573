/** The restart strategy keys (Flink's): used when a job sets no restart strategy of its own. */
import { options } from "../../config/config-option.js";

export const RESTART_STRATEGY_TYPE = options.string({
  key: "restart-strategy.type",
  default: undefined,
  documentedDefault: "exponential-delay with checkpointing, none without",
  description: "The restart strategy of jobs that set none: none (or disable), fixed-delay, failure-rate or exponential-delay.",
});

export const FIXED_DELAY_ATTEMPTS = options.integer({
  key: "restart-strategy.fixed-delay.attempts",
  default: 1,
  description: "fixed-delay: how many times a job is restarted before it fails.",
});

export const FIXED_DELAY_DELAY = options.duration({
  key: "restart-strategy.fixed-delay.delay",
  default: 1000,
  description: "fixed-delay: the pause between a failure and the restart.",
});

export const FAILURE_RATE_MAX_FAILURES = options.integer({
  key: "restart-strategy.failure-rate.max-failures-per-interval",
  default: 1,
  description: "failure-rate: the most failures within one interval before the job fails.",
});

export const FAILURE_RATE_INTERVAL = options.duration({
  key: "restart-strategy.failure-rate.failure-rate-interval",
  default: 60_000,
  description: "failure-rate: the interval in which failures are counted.",
});

export const FAILURE_RATE_DELAY = options.duration({
  key: "restart-strategy.failure-rate.delay",
  default: 1000,
  description: "failure-rate: the pause between a failure and the restart.",
});

export const EXPONENTIAL_INITIAL_BACKOFF = options.duration({
  key: "restart-strategy.exponential-delay.initial-backoff",
  default: 1000,
  description: "exponential-delay: the pause before the first restart.",
});

export const EXPONENTIAL_MAX_BACKOFF = options.duration({
  key: "restart-strategy.exponential-delay.max-backoff",
  default: 60_000,
  description: "exponential-delay: the longest pause between a failure and the restart.",
});

export const EXPONENTIAL_BACKOFF_MULTIPLIER = options.number({
  key: "restart-strategy.exponential-delay.backoff-multiplier",
  default: 1.5,
  description: "exponential-delay: the factor by which the pause grows with each failure.",
});

export const EXPONENTIAL_RESET_THRESHOLD = options.duration({
  key: "restart-strategy.exponential-delay.reset-backoff-threshold",
  default: 3_600_000,
  description: "exponential-delay: after this long without a failure the pause starts again at the initial backoff.",
});

export const EXPONENTIAL_JITTER = options.number({
  key: "restart-strategy.exponential-delay.jitter-factor",
  default: 0.1,
  description: "exponential-delay: the random spread of each pause, as a fraction of it.",
});
