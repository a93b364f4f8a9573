/** Checkpoint statistics, configuration and savepoint operations in Flink's JSON. */
import type { CheckpointSettings, CheckpointStatsSnapshot } from "../checkpoint-queries.js";
import type { OperationState } from "../async-operations.js";
type Entry = CheckpointStatsSnapshot["history"][number];
export declare function checkpointEntryJson(e: Entry): Record<string, unknown>;
export declare function checkpointStatsJson(s: CheckpointStatsSnapshot): Record<string, unknown>;
export declare function checkpointConfigJson(c: CheckpointSettings, stateBackend: string): Record<string, unknown>;
export declare function operationJson(state: OperationState): Record<string, unknown>;
export {};
