/** The number of slots a job needs: per slot-sharing group, its highest parallelism; summed over groups. */
export function requiredSlots(graph) {
    const perGroup = new Map();
    for (const v of graph.vertices)
        perGroup.set(v.slotSharingGroup, Math.max(perGroup.get(v.slotSharingGroup) ?? 0, v.parallelism));
    let total = 0;
    for (const n of perGroup.values())
        total += n;
    return total;
}
export function vertexOfNode(graph, nodeId) {
    const v = graph.vertices.find((x) => x.operators.some((o) => o.nodeId === nodeId));
    if (!v)
        throw new Error(`no vertex holds stream node ${nodeId}`);
    return v;
}
//# sourceMappingURL=job-graph.js.map