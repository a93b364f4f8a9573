import { isGloballyTerminal } from "../../cluster/messages.js";
import { EXECUTION_STATES, JOB_STATUSES } from "../schemas/common.js";
import { allStateCounts, durationOf, ioMetrics } from "./metrics-views.js";
import { encodeCollected } from "../collected-records.js";
export function jobDetailsJson(d) {
    const maxParallelism = d.jobGraph.settings.maxParallelism;
    const out = {
        jid: d.jid,
        name: d.name,
        isStoppable: false,
        state: d.state,
        "job-type": "STREAMING",
        "start-time": d.startTime,
        "end-time": d.endTime,
        duration: d.duration,
        maxParallelism: typeof maxParallelism === "number" ? maxParallelism : -1,
        now: d.now,
        // Flink lists every state, with 0 for the ones the job has not been in.
        timestamps: Object.fromEntries(JOB_STATUSES.map((s) => [s, d.timestamps[s] ?? 0])),
        vertices: d.vertices.map((v) => ({
            id: v.id,
            name: v.name,
            maxParallelism: v.maxParallelism,
            parallelism: v.parallelism,
            status: v.status,
            "start-time": v.startTime,
            "end-time": v.endTime,
            duration: durationOf(v.startTime, v.endTime, d.now),
            tasks: allStateCounts(v.tasks),
            metrics: ioMetrics(v.subtasks.map((s) => s.metrics)),
        })),
        "status-counts": allStateCounts(d.statusCounts),
        plan: planJson(d),
        restarts: d.restarts,
    };
    if (d.statusMessage)
        out["status-message"] = d.statusMessage;
    return out;
}
export function planJson(d) {
    const g = d.jobGraph;
    return {
        jid: d.jid,
        name: d.name,
        type: "STREAMING",
        nodes: g.vertices.map((v) => {
            const inputs = g.edges
                .filter((e) => e.target === v.id)
                .map((e) => {
                const input = { num: e.inputIndex, id: e.source, ship_strategy: e.partitioner.type.toUpperCase(), exchange: "pipelined_bounded" };
                if (e.sideOutput)
                    input.side_output = e.sideOutput;
                return input;
            });
            const node = {
                id: v.id,
                parallelism: v.parallelism,
                operator: v.operators[0]?.kind ?? "",
                operator_strategy: "",
                description: v.name,
                optimizer_properties: {},
                chain: v.operators.map((o) => ({ id: o.nodeId, name: o.name, kind: o.kind, uid: o.uid })),
            };
            // Flink omits `inputs` on sources.
            if (inputs.length)
                node.inputs = inputs;
            return node;
        }),
    };
}
export function jobOverviewJson(d) {
    const counts = allStateCounts(d.statusCounts);
    const tasks = { total: 0, reconciling: 0 };
    for (const s of EXECUTION_STATES) {
        tasks[s.toLowerCase()] = counts[s];
        tasks.total += counts[s];
    }
    const times = Object.values(d.timestamps).filter((t) => typeof t === "number");
    return {
        jid: d.jid,
        name: d.name,
        state: d.state,
        "start-time": d.startTime,
        "end-time": d.endTime,
        duration: d.duration,
        "last-modification": times.length ? Math.max(...times) : d.startTime,
        tasks,
    };
}
export function exceptionsJson(history, max) {
    // Flink lists the most recent failure first.
    const newestFirst = [...history].sort((a, b) => b.timestamp - a.timestamp);
    return {
        exceptionHistory: {
            entries: newestFirst.slice(0, max).map((e) => ({
                exceptionName: e.exceptionName,
                message: e.message,
                stacktrace: e.stacktrace,
                timestamp: e.timestamp,
                taskName: e.taskName ?? null,
                endpoint: e.location ?? null,
                taskManagerId: e.location ?? null,
                failureLabels: {},
                concurrentExceptions: [],
            })),
            truncated: newestFirst.length > max,
        },
    };
}
const APPLICATION_STATUS = { FINISHED: "SUCCEEDED", FAILED: "FAILED", CANCELED: "CANCELED" };
export function executionResultJson(state, result) {
    if (!isGloballyTerminal(state) || !result)
        return { status: { id: "IN_PROGRESS" } };
    const r = {
        id: result.jobId,
        "application-status": APPLICATION_STATUS[result.state] ?? "UNKNOWN",
        "accumulator-results": {},
        "net-runtime": Math.max(0, result.endTime - result.startTime),
        collected: Object.fromEntries(Object.entries(result.collected).map(([sink, values]) => [sink, encodeCollected(values)])),
        restarts: result.restarts,
        checkpoints: { completed: result.checkpoints.completed, restored: result.checkpoints.restored },
    };
    if (result.failure) {
        r["failure-cause"] = {
            class: result.failure.name,
            message: result.failure.message,
            "stack-trace": result.failure.stack ?? `${result.failure.name}: ${result.failure.message}`,
        };
    }
    return { status: { id: "COMPLETED" }, "job-execution-result": r };
}
//# sourceMappingURL=job-views.js.map