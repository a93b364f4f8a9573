/**
 * The ExecutionGraph: one execution per parallel subtask of every vertex, with its state, attempt
 * and location. A restart starts a new attempt of every execution (full failover).
 */
import type { JobGraph, JobVertex } from "../../graph/job-graph.js";
import { type ExecutionState, type TaskMetrics } from "../../runtime/tasks/deployment.js";
import type { VertexInfo } from "../messages.js";
export interface Execution {
    executionId: string;
    vertex: JobVertex;
    subtask: number;
    attempt: number;
    state: ExecutionState;
    taskManagerId?: string;
    host?: string;
    startTime: number;
    endTime: number;
    metrics?: TaskMetrics;
}
export declare class ExecutionGraph {
    readonly jobId: string;
    readonly jobGraph: JobGraph;
    /**
     * Appended to execution ids when set (the JobMaster's leader session): a JobMaster of a later
     * leadership term that recovers the job starts again at attempt 0, and a stale JobMaster's calls
     * about its own executions must never hit the new ones on a TaskExecutor.
     */
    private readonly incarnation?;
    readonly executions: Execution[];
    private readonly byId;
    attempt: number;
    constructor(jobId: string, jobGraph: JobGraph, 
    /**
     * Appended to execution ids when set (the JobMaster's leader session): a JobMaster of a later
     * leadership term that recovers the job starts again at attempt 0, and a stale JobMaster's calls
     * about its own executions must never hit the new ones on a TaskExecutor.
     */
    incarnation?: string | undefined);
    createAttempt(attempt: number): void;
    get(executionId: string): Execution | undefined;
    setState(e: Execution, state: ExecutionState, now?: number): void;
    allIn(state: ExecutionState): boolean;
    allTerminal(): boolean;
    statusCounts(executions?: Execution[]): Partial<Record<ExecutionState, number>>;
    vertexInfos(): VertexInfo[];
}
