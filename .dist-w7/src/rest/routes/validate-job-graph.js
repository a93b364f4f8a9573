const MAX_TOTAL_SUBTASKS = 100_000;
export function jobGraphProblems(g) {
    const problems = [];
    const ids = new Set();
    const nodeIds = new Set();
    let subtasks = 0;
    for (const v of g.vertices) {
        if (ids.has(v.id))
            problems.push(`jobGraph.vertices: vertex id ${v.id} appears twice`);
        ids.add(v.id);
        if (v.parallelism > v.maxParallelism)
            problems.push(`jobGraph.vertices: "${v.name}" has parallelism ${v.parallelism} above its max parallelism ${v.maxParallelism}`);
        subtasks += v.parallelism;
        for (const o of v.operators) {
            if (nodeIds.has(o.nodeId))
                problems.push(`jobGraph.vertices: operator node id ${o.nodeId} appears twice`);
            nodeIds.add(o.nodeId);
        }
    }
    if (subtasks > MAX_TOTAL_SUBTASKS)
        problems.push(`jobGraph: ${subtasks} subtasks in total, more than ${MAX_TOTAL_SUBTASKS}`);
    for (const e of g.edges) {
        if (!ids.has(e.source))
            problems.push(`jobGraph.edges: edge ${e.id} starts at unknown vertex ${e.source}`);
        if (!ids.has(e.target))
            problems.push(`jobGraph.edges: edge ${e.id} ends at unknown vertex ${e.target}`);
        if (e.source === e.target)
            problems.push(`jobGraph.edges: edge ${e.id} connects vertex ${e.source} to itself`);
    }
    return problems.slice(0, 20);
}
//# sourceMappingURL=validate-job-graph.js.map