/**
 * The ExecutionGraph: one execution per parallel subtask of every vertex, with its state, attempt
 * and location. A restart starts a new attempt of every execution (full failover).
 */
import type { JobGraph, JobVertex } from "../../graph/job-graph.js";
import { isTerminalExecutionState, type ExecutionState, type TaskMetrics } from "../../runtime/tasks/deployment.js";
import type { SubtaskInfo, VertexInfo } from "../messages.js";

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
  /** When the TaskExecutor acknowledged the deployment (a heartbeat sequence mark of TaskManagerConnections). */
  deployedAt?: number;
}

export class ExecutionGraph {
  readonly executions: Execution[] = [];
  private readonly byId = new Map<string, Execution>();
  /** How many executions are in each state, kept current by setState (the checks after every task update stay O(1)). */
  private counts: Partial<Record<ExecutionState, number>> = {};
  attempt = 0;

  constructor(
    readonly jobId: string,
    readonly jobGraph: JobGraph,
    /**
     * Appended to execution ids when set (the JobMaster's leader session): a JobMaster of a later
     * leadership term that recovers the job starts again at attempt 0, and a stale JobMaster's calls
     * about its own executions must never hit the new ones on a TaskExecutor.
     */
    private readonly incarnation?: string,
  ) {
    this.createAttempt(0);
  }

  createAttempt(attempt: number): void {
    this.attempt = attempt;
    this.executions.length = 0;
    this.byId.clear();
    this.counts = {};
    for (const vertex of this.jobGraph.vertices) {
      for (let subtask = 0; subtask < vertex.parallelism; subtask++) {
        const e: Execution = {
          executionId: `${this.jobId.slice(0, 8)}-${vertex.id.slice(0, 8)}-${subtask}-${attempt}${this.incarnation ? `-${this.incarnation.slice(0, 8)}` : ""}`,
          vertex,
          subtask,
          attempt,
          state: "CREATED",
          startTime: -1,
          endTime: -1,
        };
        this.executions.push(e);
        this.byId.set(e.executionId, e);
        this.counts.CREATED = (this.counts.CREATED ?? 0) + 1;
      }
    }
  }

  get(executionId: string): Execution | undefined {
    return this.byId.get(executionId);
  }

  /** The current attempt's execution of subtask `subtask` of vertex `vertexId`. */
  subtaskOf(vertexId: string, subtask: number): Execution | undefined {
    return this.executions.find((e) => e.vertex.id === vertexId && e.subtask === subtask);
  }

  setState(e: Execution, state: ExecutionState, now: number): void {
    if (this.byId.get(e.executionId) === e) {
      this.counts[e.state] = (this.counts[e.state] ?? 1) - 1;
      this.counts[state] = (this.counts[state] ?? 0) + 1;
    }
    e.state = state;
    if (state === "DEPLOYING" && e.startTime < 0) e.startTime = now;
    if (isTerminalExecutionState(state)) e.endTime = now;
  }

  allIn(state: ExecutionState): boolean {
    return (this.counts[state] ?? 0) === this.executions.length;
  }

  allTerminal(): boolean {
    const c = this.counts;
    return (c.FINISHED ?? 0) + (c.CANCELED ?? 0) + (c.FAILED ?? 0) === this.executions.length;
  }

  statusCounts(executions?: Execution[]): Partial<Record<ExecutionState, number>> {
    if (executions === undefined) {
      const current: Partial<Record<ExecutionState, number>> = {};
      for (const [state, n] of Object.entries(this.counts) as [ExecutionState, number][]) if (n > 0) current[state] = n;
      return current;
    }
    const counts: Partial<Record<ExecutionState, number>> = {};
    for (const e of executions) counts[e.state] = (counts[e.state] ?? 0) + 1;
    return counts;
  }

  vertexInfos(): VertexInfo[] {
    return this.jobGraph.vertices.map((v) => {
      const execs = this.executions.filter((e) => e.vertex.id === v.id);
      const starts = execs.map((e) => e.startTime).filter((t) => t >= 0);
      const ends = execs.map((e) => e.endTime);
      const subtasks: SubtaskInfo[] = execs.map((e) => ({
        subtask: e.subtask,
        status: e.state,
        attempt: e.attempt,
        taskManagerId: e.taskManagerId,
        host: e.host,
        startTime: e.startTime,
        endTime: e.endTime,
        metrics: e.metrics,
      }));
      return {
        id: v.id,
        name: v.name,
        parallelism: v.parallelism,
        maxParallelism: v.maxParallelism,
        status: aggregateState(execs.map((e) => e.state)),
        startTime: starts.length ? Math.min(...starts) : -1,
        endTime: ends.every((t) => t >= 0) ? Math.max(...ends) : -1,
        tasks: this.statusCounts(execs),
        subtasks,
      };
    });
  }
}

/** A vertex's state from its subtasks' (Flink's rule: the "least advanced" failure-aware state). */
function aggregateState(states: ExecutionState[]): ExecutionState {
  const order: ExecutionState[] = ["FAILED", "CANCELING", "CANCELED", "CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED"];
  for (const s of order) if (states.includes(s)) return s;
  return "CREATED";
}
