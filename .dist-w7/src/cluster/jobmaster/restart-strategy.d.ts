/**
 * Restart strategies (DESIGN.md section 6), deciding after each failure whether to restart and
 * after which delay. Defaults are Flink's: exponential-delay with initial 1 s, max 1 min,
 * multiplier 1.5, jitter 0.1, reset after 1 h without failure.
 */
import type { RestartStrategyConfig } from "../../api/restart-strategy.js";
export interface RestartDecision {
    restart: boolean;
    delayMs: number;
}
export interface RestartStrategy {
    onFailure(now: number): RestartDecision;
    describe(): string;
}
export declare function createRestartStrategy(config: RestartStrategyConfig, random?: () => number): RestartStrategy;
/** Picks the job's strategy: its own, else the configuration's, else Flink's default (none without checkpoints). */
export declare function restartStrategyFor(jobStrategy: RestartStrategyConfig | undefined, config: Readonly<Record<string, string>>, checkpointingEnabled: boolean): RestartStrategyConfig;
