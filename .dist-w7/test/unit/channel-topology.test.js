/** Pointwise (forward, rescale) and all-to-all connection patterns between producer and consumer subtasks. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { consumersOf, isPointwise, producersOf } from "../../src/runtime/network/channel-topology.js";
const range = (n) => Array.from({ length: n }, (_, i) => i);
test("pointwise consumersOf and producersOf are inverse relations covering every subtask", () => {
    for (const p of [{ type: "forward" }, { type: "rescale" }]) {
        for (let up = 1; up <= 8; up++) {
            for (let down = 1; down <= 8; down++) {
                const pairsFromProducers = new Set();
                for (const i of range(up)) {
                    const cs = consumersOf(p, i, up, down);
                    assert.ok(cs.length >= 1, `producer ${i} of ${up} -> ${down} has a consumer`);
                    assert.deepEqual(cs, [...new Set(cs)].sort((a, b) => a - b), "sorted, no duplicates");
                    for (const j of cs) {
                        assert.ok(j >= 0 && j < down);
                        pairsFromProducers.add(`${i}->${j}`);
                    }
                }
                const pairsFromConsumers = new Set();
                for (const j of range(down)) {
                    const ps = producersOf(p, j, up, down);
                    assert.ok(ps.length >= 1, `consumer ${j} of ${up} -> ${down} has a producer`);
                    for (const i of ps) {
                        assert.ok(i >= 0 && i < up);
                        pairsFromConsumers.add(`${i}->${j}`);
                    }
                }
                assert.deepEqual([...pairsFromConsumers].sort(), [...pairsFromProducers].sort(), `${p.type} ${up} -> ${down}`);
                // Pointwise: one side of every connection has a single partner; equal sizes pair i with i.
                if (up >= down)
                    for (const i of range(up))
                        assert.equal(consumersOf(p, i, up, down).length, 1);
                if (up <= down)
                    for (const j of range(down))
                        assert.equal(producersOf(p, j, up, down).length, 1);
                if (up === down)
                    for (const i of range(up))
                        assert.deepEqual(consumersOf(p, i, up, down), [i]);
                // Loads are balanced: partner counts differ by at most one.
                const loads = up >= down ? range(down).map((j) => producersOf(p, j, up, down).length) : range(up).map((i) => consumersOf(p, i, up, down).length);
                assert.ok(Math.max(...loads) - Math.min(...loads) <= 1);
            }
        }
    }
});
test("every other partitioner connects all to all", () => {
    for (const type of ["rebalance", "shuffle", "broadcast", "global", "hash", "custom"]) {
        assert.equal(isPointwise({ type }), false);
        for (let up = 1; up <= 4; up++) {
            for (let down = 1; down <= 4; down++) {
                for (const i of range(up))
                    assert.deepEqual(consumersOf({ type }, i, up, down), range(down));
                for (const j of range(down))
                    assert.deepEqual(producersOf({ type }, j, up, down), range(up));
            }
        }
    }
});
//# sourceMappingURL=channel-topology.test.js.map