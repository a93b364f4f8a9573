/** Schemas of checkpoint statistics, checkpoint configuration and savepoint operations (Flink's names). */
import type { JsonSchema } from "../schema/json-schema.js";
export declare const checkpointEntry: JsonSchema;
export declare const checkpointingStatistics: JsonSchema;
export declare const checkpointConfig: JsonSchema;
export interface SavepointTriggerRequest {
    "target-directory"?: string | null;
    "cancel-job"?: boolean;
    formatType?: "CANONICAL" | "NATIVE";
    triggerId?: string | null;
}
export declare const savepointTriggerRequest: JsonSchema;
export interface StopRequest {
    targetDirectory?: string | null;
    drain?: boolean;
    formatType?: "CANONICAL" | "NATIVE";
    triggerId?: string | null;
}
export declare const stopRequest: JsonSchema;
export declare const asynchronousOperationResult: JsonSchema;
