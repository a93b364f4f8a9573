/**
 * State changelog: incremental checkpoints for both keyed state backends (Flink's FLIP-158 keys;
 * docs/state-backends.md, "Incremental checkpoints"). Every state change is also kept in a per-task
 * log that each checkpoint makes durable in the checkpoint storage's `shared/` folder; a full
 * snapshot of the backend (a materialization) runs every interval, so a checkpoint writes only
 * what changed since the last one.
 */
import { options } from "../../../config/config-option.js";

export const StateChangelogOptions = {
  ENABLED: options.boolean({
    key: "state.changelog.enabled",
    default: false,
    description:
      "Checkpoints write only the state changes since the previous checkpoint, over a full snapshot (materialization) taken every " +
      "state.changelog.periodic-materialize.interval. Savepoints stay full, self-contained snapshots.",
  }),
  INCREMENTAL: options.boolean({
    key: "execution.checkpointing.incremental",
    deprecatedKeys: ["state.backend.incremental"],
    default: false,
    description: "Incremental checkpoints; in Sluice the same as state.changelog.enabled (both backends use the state changelog).",
  }),
  PERIODIC_MATERIALIZE_INTERVAL: options.duration({
    key: "state.changelog.periodic-materialize.interval",
    default: 10 * 60_000,
    min: 1,
    description: "How often each task takes a full snapshot of its keyed state in the background, after which older changes are no longer needed.",
  }),
  MAX_FAILURES_ALLOWED: options.integer({
    key: "state.changelog.max-failures-allowed",
    default: 3,
    min: 0,
    description: "Materializations that may fail in a row before the task fails (checkpoints go on with the longer log meanwhile).",
  }),
};
