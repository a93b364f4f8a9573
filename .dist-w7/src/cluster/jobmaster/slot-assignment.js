export function assignSlots(graph, slots) {
    // A stable order, so the same slots give the same assignment.
    const ordered = [...slots].sort((a, b) => a.taskManagerId.localeCompare(b.taskManagerId) || a.slotIndex - b.slotIndex);
    const groups = [...new Set(graph.vertices.map((v) => v.slotSharingGroup))].sort();
    const groupSlots = new Map();
    let next = 0;
    for (const g of groups) {
        const width = Math.max(...graph.vertices.filter((v) => v.slotSharingGroup === g).map((v) => v.parallelism));
        groupSlots.set(g, ordered.slice(next, next + width));
        next += width;
    }
    const groupOf = new Map(graph.vertices.map((v) => [v.id, v.slotSharingGroup]));
    const slotOf = (vertexId, subtask) => {
        const s = groupSlots.get(groupOf.get(vertexId))?.[subtask];
        if (!s)
            throw new Error(`no slot for subtask ${subtask} of vertex ${vertexId}`);
        return s;
    };
    const locations = {};
    for (const v of graph.vertices) {
        locations[v.id] = Array.from({ length: v.parallelism }, (_, i) => {
            const s = slotOf(v.id, i);
            return `${s.taskManagerId}#${s.slotIndex}`;
        });
    }
    return { slotOf, locations };
}
//# sourceMappingURL=slot-assignment.js.map