/** Checkpointing settings of a job: its own (from the environment) over the configuration (Flink's keys). */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { durationOption, intOption } from "../../config/configuration.js";
export function checkpointSettings(jobSettings, config) {
    const jobInterval = Number(jobSettings.checkpointInterval ?? 0);
    const modeText = String(jobSettings.checkpointingMode ?? config["execution.checkpointing.mode"] ?? "exactly-once").toLowerCase().replace("_", "-");
    if (modeText !== "exactly-once" && modeText !== "at-least-once")
        throw new Error(`execution.checkpointing.mode must be EXACTLY_ONCE or AT_LEAST_ONCE, got "${modeText}"`);
    const retention = (config["execution.checkpointing.externalized-checkpoint-retention"] ?? "DELETE_ON_CANCELLATION").toUpperCase();
    const base = join(tmpdir(), "sluice");
    return {
        intervalMs: jobInterval > 0 ? jobInterval : durationOption(config, "execution.checkpointing.interval", 0),
        timeoutMs: durationOption(config, "execution.checkpointing.timeout", 10 * 60_000),
        minPauseMs: durationOption(config, "execution.checkpointing.min-pause", 0),
        maxConcurrent: intOption(config, "execution.checkpointing.max-concurrent-checkpoints", 1),
        tolerableFailures: intOption(config, "execution.checkpointing.tolerable-failed-checkpoints", 0),
        retained: intOption(config, "execution.checkpointing.num-retained", 1),
        mode: modeText,
        dir: config["execution.checkpointing.dir"] ?? config["state.checkpoints.dir"] ?? join(base, "checkpoints"),
        savepointDir: config["execution.checkpointing.savepoint-dir"] ?? config["state.savepoints.dir"] ?? join(base, "savepoints"),
        retainOnCancellation: retention === "RETAIN_ON_CANCELLATION",
    };
}
//# sourceMappingURL=checkpoint-settings.js.map