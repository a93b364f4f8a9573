/**
 * StreamGraph → JobGraph: Flink's chaining rules, default partitioners, validation errors, union
 * and side-output edges, the slot need, and the topology fingerprint.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { StreamExecutionEnvironment } from "../../src/api/environment.js";
import { OutputTag } from "../../src/api/output-tag.js";
import { buildJobGraph, InvalidJobError } from "../../src/graph/job-graph-builder.js";
import { requiredSlots, vertexOfNode } from "../../src/graph/job-graph.js";
function build(env, name = "test job") {
    return buildJobGraph(env.streamGraph, name, env.jobSettings());
}
/** The chains of a graph as lists of operator names, in vertex order. */
function chains(g) {
    return g.vertices.map((v) => v.operators.map((o) => o.name));
}
function edgeBetween(g, fromNode, toNode) {
    const e = g.edges.find((x) => x.sourceNodeId === fromNode && x.targetNodeId === toNode);
    assert.ok(e, `an edge from node ${fromNode} to node ${toNode}`);
    return e;
}
test("forward with equal parallelism chains; a parallelism change, keyBy or rebalance breaks the chain", () => {
    const env = new StreamExecutionEnvironment(4);
    const src = env.fromSequence(1, 100).name("src");
    const m1 = src.map((n) => n + 1).name("m1");
    const f = m1.filter((n) => n > 2).name("f");
    const m2 = f.map((n) => n * 2).name("m2").setParallelism(2); // parallelism changes: new chain
    const m3 = m2.map((n) => n).name("m3").setParallelism(2);
    const r = m3.keyBy((n) => n % 3).reduce((a, b) => a + b).name("r").setParallelism(2); // hash edge
    const m4 = r.rebalance().map((n) => n).name("m4").setParallelism(2); // explicit rebalance
    m4.print().name("sink").setParallelism(2);
    const g = build(env);
    assert.deepEqual(chains(g), [["src", "m1", "f"], ["m2", "m3"], ["r"], ["m4", "sink"]]);
    assert.deepEqual(g.vertices.map((v) => v.parallelism), [4, 2, 2, 2]);
    assert.equal(edgeBetween(g, f.node.id, m2.node.id).partitioner.type, "rebalance", "default between different parallelisms");
    assert.equal(edgeBetween(g, m3.node.id, r.node.id).partitioner.type, "hash");
    assert.equal(edgeBetween(g, r.node.id, m4.node.id).partitioner.type, "rebalance");
    assert.equal(g.edges.length, 3);
    // Chained successors are direct calls inside the vertex, network outputs are the edges.
    const head = g.vertices[0].operators;
    assert.deepEqual(head[0].chainedOutputs, [{ nodeId: m1.node.id }]);
    assert.deepEqual(head[2].networkOutputs, [{ edgeId: g.edges[0].id }]);
    assert.ok(g.vertices[0].isSource && !g.vertices[1].isSource);
});
test("the default partitioner is forward for equal parallelism and rebalance otherwise", () => {
    for (const [up, down] of [[1, 1], [3, 3], [1, 4], [4, 1], [2, 3]]) {
        const env = new StreamExecutionEnvironment(up);
        const a = env.fromSequence(0, 10).map((n) => n).disableChaining();
        const b = a.map((n) => n).setParallelism(down);
        const g = build(env);
        assert.equal(edgeBetween(g, a.node.id, b.node.id).partitioner.type, up === down ? "forward" : "rebalance", `${up} -> ${down}`);
    }
});
test("disableChaining isolates an operator; startNewChain only cuts before it", () => {
    const env = new StreamExecutionEnvironment(2);
    const src = env.fromSequence(1, 10).name("src");
    const a = src.map((n) => n).name("a");
    const b = a.map((n) => n).name("b").disableChaining();
    const c = b.map((n) => n).name("c");
    const d = c.map((n) => n).name("d").startNewChain();
    d.map((n) => n).name("e");
    const g = build(env);
    assert.deepEqual(chains(g), [["src", "a"], ["b"], ["c"], ["d", "e"]]);
    assert.ok(g.edges.every((e) => e.partitioner.type === "forward"));
});
test("operators in different slot sharing groups don't chain; successors inherit the group", () => {
    const env = new StreamExecutionEnvironment(2);
    const src = env.fromSequence(1, 10).name("src");
    const a = src.map((n) => n).name("a").slotSharingGroup("other");
    a.map((n) => n).name("b").print().name("sink");
    const g = build(env);
    assert.deepEqual(chains(g), [["src"], ["a", "b", "sink"]]);
    assert.deepEqual(g.vertices.map((v) => v.slotSharingGroup), ["default", "other"]);
});
test("forward between different parallelisms is rejected with a clear message", () => {
    const env = new StreamExecutionEnvironment(4);
    env.fromSequence(1, 10).name("numbers").forward().map((n) => n).name("doubler").setParallelism(2);
    assert.throws(() => build(env), (e) => e instanceof InvalidJobError &&
        /forward/.test(e.message) &&
        e.message.includes('"numbers" (parallelism 4)') &&
        e.message.includes('"doubler" (parallelism 2)'));
});
test("a duplicate uid is rejected naming both operators", () => {
    const env = new StreamExecutionEnvironment(1);
    env.fromSequence(1, 10).map((n) => n).name("first").uid("same").map((n) => n).name("second").uid("same");
    assert.throws(() => build(env), (e) => e instanceof InvalidJobError && /uid "same"/.test(e.message) && /first/.test(e.message) && /second/.test(e.message));
});
test("parallelism above max parallelism is rejected", () => {
    const env = new StreamExecutionEnvironment(1).setMaxParallelism(4);
    env.fromSequence(1, 10).map((n) => n).name("wide").setParallelism(5);
    assert.throws(() => build(env), (e) => e instanceof InvalidJobError && /"wide"/.test(e.message) && /5/.test(e.message));
});
test("union gives the downstream operator one input edge per input stream, and no chaining", () => {
    const env = new StreamExecutionEnvironment(2);
    const a = env.fromSequence(1, 10).name("a");
    const b = env.fromSequence(11, 20).name("b");
    const c = env.fromSequence(21, 30).name("c");
    const m = a.union(b, c).map((n) => n).name("m");
    const g = build(env);
    assert.deepEqual(chains(g), [["a"], ["b"], ["c"], ["m"]]);
    const ins = g.edges.filter((e) => e.targetNodeId === m.node.id);
    assert.deepEqual(ins.map((e) => e.sourceNodeId).sort(), [a.node.id, b.node.id, c.node.id].sort());
    assert.ok(ins.every((e) => e.inputIndex === 0 && e.partitioner.type === "forward"));
    assert.ok(ins.every((e) => e.target === vertexOfNode(g, m.node.id).id));
});
test("side outputs become edges (or chained outputs) that carry the tag", () => {
    const env = new StreamExecutionEnvironment(2);
    const late = new OutputTag("late");
    const fn = {
        processElement(v, ctx, out) {
            if (v < 0)
                ctx.output(late, String(v));
            else
                out.collect(v);
        },
    };
    const p = env.fromSequence(1, 10).process(fn).name("p");
    const chained = p.getSideOutput(late).map((s) => s).name("chained-side");
    const remote = p.getSideOutput(late).rebalance().map((s) => s).name("remote-side").setParallelism(3);
    const main = p.map((n) => n).name("main");
    const g = build(env);
    const pDesc = vertexOfNode(g, p.node.id).operators.find((o) => o.nodeId === p.node.id);
    assert.deepEqual(pDesc.chainedOutputs, [{ nodeId: chained.node.id, sideOutput: "late" }, { nodeId: main.node.id }]);
    const e = edgeBetween(g, p.node.id, remote.node.id);
    assert.equal(e.sideOutput, "late");
    assert.deepEqual(pDesc.networkOutputs, [{ edgeId: e.id, sideOutput: "late" }]);
});
test("the user's example (5 operators, parallelism 4 and 3) needs 4 slots", () => {
    const env = new StreamExecutionEnvironment(4);
    const a = env.fromSequence(1, 1000).name("A");
    const b = a.map((n) => n * 2).name("B");
    const c = env.fromSequence(1001, 1500).name("C").setParallelism(3);
    const d = b.union(c.rebalance()).map((n) => n).name("D");
    d.rebalance().print().name("E").setParallelism(3);
    const g = build(env);
    assert.equal(new Set(g.vertices.flatMap((v) => v.operators.map((o) => o.name))).size, 5);
    assert.ok(g.vertices.length >= 2);
    assert.equal(requiredSlots(g), 4);
});
test("slot sharing groups add up: each group needs its own highest parallelism", () => {
    for (const [p1, p2, p3] of [[4, 3, 2], [1, 5, 5], [2, 2, 7]]) {
        const env = new StreamExecutionEnvironment(p1);
        env
            .fromSequence(1, 100)
            .map((n) => n).setParallelism(p2).slotSharingGroup("g2")
            .map((n) => n).setParallelism(p3).slotSharingGroup("g3")
            .map((n) => n).setParallelism(1).slotSharingGroup("g2");
        const g = build(env);
        const reference = new Map();
        for (const n of env.streamGraph.nodes)
            reference.set(n.slotSharingGroup, Math.max(reference.get(n.slotSharingGroup) ?? 0, n.parallelism));
        assert.equal(requiredSlots(g), [...reference.values()].reduce((s, x) => s + x, 0));
        assert.equal(requiredSlots(g), p1 + p2 + p3);
    }
});
test("the JobGraph is plain JSON", () => {
    const env = new StreamExecutionEnvironment(2);
    env.fromSequence(1, 10).keyBy((n) => n % 2).sum().print();
    const g = build(env);
    assert.deepEqual(JSON.parse(JSON.stringify(g)), g);
});
test("fingerprints: equal for equal definitions, different for different ones", () => {
    const define = (variant) => {
        const env = new StreamExecutionEnvironment(variant === 1 ? 3 : 2);
        let s = env.fromSequence(1, 10).map((n) => n + 1);
        if (variant === 2)
            s = s.filter((n) => n > 1);
        const k = variant === 3 ? s.rebalance().map((n) => n) : s;
        const named = variant === 4 ? k.map((n) => n).name("renamed") : k.map((n) => n);
        if (variant === 5)
            named.uid("a-uid");
        named.keyBy((n) => n % 3).sum().print();
        if (variant === 6)
            env.enableCheckpointing(1000);
        return build(env, "same name");
    };
    assert.equal(define(0).fingerprint, define(0).fingerprint);
    assert.deepEqual(define(0), define(0));
    const prints = [0, 1, 2, 3, 4, 5, 6].map((v) => define(v).fingerprint);
    assert.equal(new Set(prints).size, prints.length, prints.join(" "));
});
//# sourceMappingURL=job-graph-builder.test.js.map