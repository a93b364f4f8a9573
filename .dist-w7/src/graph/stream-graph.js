/**
 * The StreamGraph: operators and edges exactly as the job declared them. It is built by the API
 * (environment and streams) and turned into a JobGraph by chaining (job-graph-builder.ts).
 *
 * User functions never enter the serialized graphs: they stay in `fns` on nodes and edges and are
 * bound again in every worker by evaluating the same job definition (DESIGN.md principle 5).
 */
export class StreamGraph {
    nodes = [];
    edges = [];
    addNode(node) {
        const n = { ...node, id: this.nodes.length + 1 };
        this.nodes.push(n);
        return n;
    }
    addEdge(edge) {
        const e = { ...edge, id: this.edges.length + 1 };
        this.edges.push(e);
        return e;
    }
    node(id) {
        const n = this.nodes[id - 1];
        if (!n)
            throw new Error(`no stream node ${id}`);
        return n;
    }
    inEdges(id) {
        return this.edges.filter((e) => e.target === id);
    }
    outEdges(id) {
        return this.edges.filter((e) => e.source === id);
    }
}
//# sourceMappingURL=stream-graph.js.map