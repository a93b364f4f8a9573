import { isTerminalExecutionState } from "../../runtime/tasks/deployment.js";
export class ExecutionGraph {
    jobId;
    jobGraph;
    incarnation;
    executions = [];
    byId = new Map();
    attempt = 0;
    constructor(jobId, jobGraph, 
    /**
     * Appended to execution ids when set (the JobMaster's leader session): a JobMaster of a later
     * leadership term that recovers the job starts again at attempt 0, and a stale JobMaster's calls
     * about its own executions must never hit the new ones on a TaskExecutor.
     */
    incarnation) {
        this.jobId = jobId;
        this.jobGraph = jobGraph;
        this.incarnation = incarnation;
        this.createAttempt(0);
    }
    createAttempt(attempt) {
        this.attempt = attempt;
        this.executions.length = 0;
        this.byId.clear();
        for (const vertex of this.jobGraph.vertices) {
            for (let subtask = 0; subtask < vertex.parallelism; subtask++) {
                const e = {
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
            }
        }
    }
    get(executionId) {
        return this.byId.get(executionId);
    }
    setState(e, state, now = Date.now()) {
        e.state = state;
        if (state === "DEPLOYING" && e.startTime < 0)
            e.startTime = now;
        if (isTerminalExecutionState(state))
            e.endTime = now;
    }
    allIn(state) {
        return this.executions.every((e) => e.state === state);
    }
    allTerminal() {
        return this.executions.every((e) => isTerminalExecutionState(e.state));
    }
    statusCounts(executions = this.executions) {
        const counts = {};
        for (const e of executions)
            counts[e.state] = (counts[e.state] ?? 0) + 1;
        return counts;
    }
    vertexInfos() {
        return this.jobGraph.vertices.map((v) => {
            const execs = this.executions.filter((e) => e.vertex.id === v.id);
            const starts = execs.map((e) => e.startTime).filter((t) => t >= 0);
            const ends = execs.map((e) => e.endTime);
            const subtasks = execs.map((e) => ({
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
function aggregateState(states) {
    const order = ["FAILED", "CANCELING", "CANCELED", "CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED"];
    for (const s of order)
        if (states.includes(s))
            return s;
    return "CREATED";
}
//# sourceMappingURL=execution-graph.js.map