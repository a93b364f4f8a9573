/**
 * Flame graphs of the REST endpoint (docs/architecture.md, "Flame graphs"): Flink's keys and defaults.
 * A sample is `num-samples` stack samples `delay-between-samples` apart (5 s by default) in every worker
 * of the vertex's subtasks; nothing is sampled until a flame graph is asked for.
 */
import { options, readOption } from "../../config/config-option.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import { RpcOptions } from "../../cluster/rpc/rpc-options.js";

export const FlameGraphOptions = {
  ENABLED: options.boolean({
    key: "rest.flamegraph.enabled",
    default: false,
    description:
      "Serve flame graphs of job vertices (/jobs/:jobid/vertices/:vertexid/flamegraph). Off by default, as in Flink: a request starts V8's CPU profiler in the vertex's workers, which slows them while it samples.",
  }),
  NUM_SAMPLES: options.integer({ key: "rest.flamegraph.num-samples", default: 100, min: 1, description: "Stack samples taken per subtask for one flame graph." }),
  DELAY_BETWEEN_SAMPLES: options.duration({
    key: "rest.flamegraph.delay-between-samples",
    default: 50,
    min: 1,
    description: "Time between two stack samples (V8's sampling interval): a flame graph samples for num-samples × this.",
  }),
  REFRESH_INTERVAL: options.duration({
    key: "rest.flamegraph.refresh-interval",
    default: 60_000,
    min: 0,
    description: "Age after which a vertex's flame graph is sampled again when it is asked for (the old one is served meanwhile).",
  }),
  CLEANUP_INTERVAL: options.duration({
    key: "rest.flamegraph.cleanup-interval",
    default: 600_000,
    min: 0,
    description: "Time after its last request after which a vertex's samples are dropped.",
  }),
};

export interface FlameGraphSettings {
  enabled: boolean;
  numSamples: number;
  delayBetweenSamplesMs: number;
  refreshIntervalMs: number;
  cleanupIntervalMs: number;
}

/**
 * Throws ConfigurationError when a sampling would outlast the JobMaster's RPC call to the TaskExecutors
 * (pekko.ask.timeout): every flame graph would then time out.
 */
export function flameGraphSettings(config: Readonly<Configuration>): FlameGraphSettings {
  const settings = {
    enabled: readOption(config, FlameGraphOptions.ENABLED),
    numSamples: readOption(config, FlameGraphOptions.NUM_SAMPLES),
    delayBetweenSamplesMs: readOption(config, FlameGraphOptions.DELAY_BETWEEN_SAMPLES),
    refreshIntervalMs: readOption(config, FlameGraphOptions.REFRESH_INTERVAL),
    cleanupIntervalMs: readOption(config, FlameGraphOptions.CLEANUP_INTERVAL),
  };
  const samplingMs = settings.numSamples * settings.delayBetweenSamplesMs;
  const askTimeoutMs = readOption(config, RpcOptions.ASK_TIMEOUT);
  if (settings.enabled && samplingMs >= askTimeoutMs) {
    throw new ConfigurationError(
      `a flame graph samples for ${FlameGraphOptions.NUM_SAMPLES.key} × ${FlameGraphOptions.DELAY_BETWEEN_SAMPLES.key} = ${samplingMs} ms, ` +
        `which must stay below ${RpcOptions.ASK_TIMEOUT.key} (${askTimeoutMs} ms), the time the JobMaster waits for the TaskExecutors; lower one or raise the timeout`,
    );
  }
  return settings;
}
