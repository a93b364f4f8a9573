/**
 * Restart strategies (docs/architecture.md, "State and checkpoints"), deciding after each failure whether to restart and
 * after which delay. Defaults are Flink's: exponential-delay with initial 1 s, max 1 min,
 * multiplier 1.5, jitter 0.1, reset after 1 h without failure.
 */
import type { RestartStrategyConfig } from "../../api/restart-strategy.js";
import { readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";
import * as keys from "./restart-strategy-options.js";

export interface RestartDecision {
  restart: boolean;
  delayMs: number;
}

export interface RestartStrategy {
  onFailure(now: number): RestartDecision;
  describe(): string;
}

export function createRestartStrategy(config: RestartStrategyConfig, random: () => number = Math.random): RestartStrategy {
  switch (config.type) {
    case "none":
      return { onFailure: () => ({ restart: false, delayMs: 0 }), describe: () => "no restarts" };
    case "fixed-delay": {
      let attempts = 0;
      return {
        onFailure: () => ({ restart: ++attempts <= config.attempts, delayMs: config.delayMs }),
        describe: () => `fixed delay (${config.attempts} attempts, ${config.delayMs} ms)`,
      };
    }
    case "failure-rate": {
      const failures: number[] = [];
      return {
        onFailure(now) {
          failures.push(now);
          while (failures.length && failures[0]! <= now - config.failureRateIntervalMs) failures.shift();
          return { restart: failures.length <= config.maxFailuresPerInterval, delayMs: config.delayMs };
        },
        describe: () => `failure rate (${config.maxFailuresPerInterval} per ${config.failureRateIntervalMs} ms)`,
      };
    }
    case "exponential-delay": {
      const initial = config.initialBackoffMs ?? 1000;
      const max = config.maxBackoffMs ?? 60_000;
      const multiplier = config.backoffMultiplier ?? 1.5;
      const reset = config.resetBackoffThresholdMs ?? 3_600_000;
      const jitter = config.jitterFactor ?? 0.1;
      let current = initial;
      let lastFailure: number | undefined;
      let attempts = 0;
      return {
        onFailure(now) {
          if (lastFailure !== undefined && now - lastFailure >= reset) current = initial;
          else if (lastFailure !== undefined) current = Math.min(current * multiplier, max);
          lastFailure = now;
          attempts++;
          const spread = current * jitter;
          const delayMs = Math.max(0, Math.round(current + (random() * 2 - 1) * spread));
          return { restart: config.attempts === undefined || attempts <= config.attempts, delayMs };
        },
        describe: () => `exponential delay (initial ${initial} ms, max ${max} ms, multiplier ${multiplier})`,
      };
    }
  }
}

/** Picks the job's strategy: its own, else the configuration's, else Flink's default (none without checkpoints). */
export function restartStrategyFor(
  jobStrategy: RestartStrategyConfig | undefined,
  config: Readonly<Configuration>,
  checkpointingEnabled: boolean,
): RestartStrategyConfig {
  if (jobStrategy) return jobStrategy;
  const type = readOption(config, keys.RESTART_STRATEGY_TYPE);
  switch (type) {
    case "none":
    case "disable":
      return { type: "none" };
    case "fixed-delay":
      return { type: "fixed-delay", attempts: readOption(config, keys.FIXED_DELAY_ATTEMPTS), delayMs: readOption(config, keys.FIXED_DELAY_DELAY) };
    case "failure-rate":
      return {
        type: "failure-rate",
        maxFailuresPerInterval: readOption(config, keys.FAILURE_RATE_MAX_FAILURES),
        failureRateIntervalMs: readOption(config, keys.FAILURE_RATE_INTERVAL),
        delayMs: readOption(config, keys.FAILURE_RATE_DELAY),
      };
    case "exponential-delay":
      return {
        type: "exponential-delay",
        initialBackoffMs: readOption(config, keys.EXPONENTIAL_INITIAL_BACKOFF),
        maxBackoffMs: readOption(config, keys.EXPONENTIAL_MAX_BACKOFF),
        backoffMultiplier: readOption(config, keys.EXPONENTIAL_BACKOFF_MULTIPLIER),
        resetBackoffThresholdMs: readOption(config, keys.EXPONENTIAL_RESET_THRESHOLD),
        jitterFactor: readOption(config, keys.EXPONENTIAL_JITTER),
      };
    case undefined:
      return checkpointingEnabled ? { type: "exponential-delay" } : { type: "none" };
    default:
      throw new Error(`unknown restart-strategy.type "${type}" (none, fixed-delay, failure-rate, exponential-delay)`);
  }
}
