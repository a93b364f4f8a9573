/**
 * The job-level keys a job definition reads from its configuration (`-D key=value`, the config
 * given to `run`, or env.configure()): Flink's pipeline.* and execution.* names. The JobMaster reads
 * the checkpointing keys itself (src/cluster/jobmaster/checkpoint-options.ts), with the job's
 * configure() values over the cluster's.
 */
import { options } from "../config/config-option.js";

export const AUTO_WATERMARK_INTERVAL = options.duration({
  key: "pipeline.auto-watermark-interval",
  default: 200,
  description: "How often sources and assignTimestampsAndWatermarks emit periodic watermarks; 0 disables periodic watermarks.",
});

export const OPERATOR_CHAINING = options.boolean({
  key: "pipeline.operator-chaining.enabled",
  default: true,
  description: "Whether operators are chained into one task where Flink's chaining rules allow it.",
});

export const BUFFER_TIMEOUT = options.duration({
  key: "execution.buffer-timeout.interval",
  default: undefined,
  documentedDefault: "100 ms",
  description: "How long a partly filled network buffer may wait before it is sent; 0 sends after every record.",
});

export const GLOBAL_JOB_PARAMETERS = options.list({
  key: "pipeline.global-job-parameters",
  default: undefined,
  description: "key:value pairs (separated by , or ;) readable by every function as ctx.globalJobParameters.",
});

export const PIPELINE_NAME = options.string({
  key: "pipeline.name",
  default: undefined,
  description: "The job's name, shown in the CLI, REST API and dashboard.",
});

export const MAX_PARALLELISM = options.integer({
  key: "pipeline.max-parallelism",
  default: undefined,
  min: 1,
  documentedDefault: "128",
  description: "The default max parallelism (number of key groups) of the job's operators.",
});

/** Flink's CollectSinkOperatorFactory option of the same name. */
export const COLLECT_BATCH_SIZE_MAX = options.bytes({
  key: "collect-sink.batch-size.max",
  default: 2 * 1024 * 1024,
  documentedDefault: "2 mb",
  description:
    "How many bytes of records (msgpack-encoded) the collect sink of collectAsync() and executeAndCollect(limit) holds for the client before it stops taking input; also the most one fetch returns.",
});
