import type { RuntimeContext } from "../../api/runtime-context.js";
import type { JobVertex, OperatorDescriptor } from "../../graph/job-graph.js";
import type { DataEndpoint } from "../network/data-endpoint.js";
import { RecordWriter } from "../network/record-writer.js";
import { type OutputCounters } from "../network/result-subpartition.js";
import type { ProcessingTimeService, StreamOperator } from "../operators/stream-operator.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { OperatorStateBackend } from "../state/operator-state-backend.js";
import type { TaskStateRestorer } from "../checkpoint/task-restore.js";
import type { TaskDeploymentDescriptor } from "./deployment.js";
export interface BoundFunctions {
    nodes: Map<number, Record<string, unknown>>;
    edges: Map<number, Record<string, unknown>>;
}
export interface SourceHeadStates {
    operatorState: OperatorStateBackend;
    isRestored: boolean;
}
/** The state backends of one operator of the chain, for snapshots. */
export interface OperatorStates {
    uid: string;
    name: string;
    keyed: KeyedStateBackend | undefined;
    operatorState: OperatorStateBackend;
    restored: boolean;
}
export interface ChainEnvironment {
    tdd: TaskDeploymentDescriptor;
    vertex: JobVertex;
    fns: BoundFunctions;
    endpoint: DataEndpoint;
    runtimeContext: RuntimeContext;
    processingTime: ProcessingTimeService;
    outputCounters: OutputCounters;
    /** Records of the collect sink with stream node id `nodeId`. */
    collect: (nodeId: number, values: unknown[]) => void;
    /** Present when the task resumes from a checkpoint or savepoint. */
    restorer?: TaskStateRestorer;
}
export declare class OperatorChain {
    private readonly createSourceHead?;
    /** Operators in topological order; the head first. */
    readonly operators: StreamOperator[];
    readonly writers: RecordWriter[];
    readonly states: OperatorStates[];
    readonly head: StreamOperator | undefined;
    constructor(env: ChainEnvironment, createSourceHead?: ((d: OperatorDescriptor, states: SourceHeadStates) => StreamOperator) | undefined);
    get isBlocked(): boolean;
    /** Resolves when no writer waits for credit and no operator holds back input any more. */
    whenUnblocked(): Promise<void>;
    private whenWritersUnblocked;
    /** Frees the keyed state backends (the LMDB backend deletes its files); when the task ends. */
    disposeState(): Promise<void>;
    flushAll(): void;
    backlogBuffers(): number;
}
