import type { JobVertex } from "../../graph/job-graph.js";
import type { OperatorChain } from "../tasks/operator-chain.js";
import { type SerializedError } from "../tasks/deployment.js";
import type { Barrier } from "./barrier-aligner.js";
import type { TaskCheckpointAck } from "./checkpoint-metadata.js";
export interface CheckpointReporter {
    acknowledge(checkpointId: number, ack: TaskCheckpointAck): void;
    decline(checkpointId: number, reason: SerializedError): void;
}
export declare class TaskCheckpointer {
    private readonly vertex;
    private readonly subtask;
    private readonly chain;
    private readonly reporter;
    private readonly pending;
    constructor(vertex: JobVertex, subtask: number, chain: OperatorChain, reporter: CheckpointReporter);
    /** Snapshots synchronously, forwards the barrier, and writes the state in the background. */
    perform(barrier: Barrier, alignmentMs: number): void;
    private writeAndAcknowledge;
    notifyComplete(checkpointId: number): Promise<void>;
    notifyAborted(checkpointId: number): void;
    /** Resolves when every started checkpoint has been written and acknowledged (or declined). */
    whenIdle(): Promise<void>;
}
