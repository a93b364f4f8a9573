/** Operator state: list state splits evenly on rescaling, union list state goes whole to everyone, broadcast state is copied. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ListStateDescriptor, MapStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { OperatorStateBackend, redistributeOperatorState } from "../../src/runtime/state/operator-state-backend.js";
function backendWith(items, rules) {
    const b = new OperatorStateBackend();
    b.getListState(new ListStateDescriptor("split")).update(items);
    b.getUnionListState(new ListStateDescriptor("union")).update(items);
    const bs = b.getBroadcastState(new MapStateDescriptor("rules"));
    for (const [k, v] of rules)
        bs.put(k, v);
    return b;
}
test("snapshots are copies, and restore into a new backend", () => {
    const b = backendWith([1, 2], [["r", 1]]);
    const snap = b.snapshot();
    b.getListState(new ListStateDescriptor("split")).add(3);
    assert.deepEqual(snap.split.items, [1, 2]);
    const restored = new OperatorStateBackend(snap);
    assert.deepEqual([...restored.getListState(new ListStateDescriptor("split")).get()], [1, 2]);
    assert.equal(restored.getBroadcastState(new MapStateDescriptor("rules")).get("r"), 1);
});
test("rescaling 2 → 3: even split, union to all, broadcast copied", () => {
    const rules = [["a", 1], ["b", 2]];
    const old = [backendWith([1, 2, 3, 4], rules).snapshot(), backendWith([5, 6, 7], rules).snapshot()];
    const next = redistributeOperatorState(old, 3);
    assert.deepEqual(next.map((s) => s.split.items), [[1, 2, 3], [4, 5], [6, 7]]);
    for (const s of next) {
        assert.deepEqual(s.union.items, [1, 2, 3, 4, 5, 6, 7]);
        assert.deepEqual(s.rules.items, rules);
    }
    const counts = redistributeOperatorState(next, 2).map((s) => s.split.items.length);
    assert.deepEqual(counts, [4, 3], "scaling back down loses nothing");
});
test("a name keeps its mode", () => {
    const b = new OperatorStateBackend();
    b.getListState(new ListStateDescriptor("x"));
    assert.throws(() => b.getUnionListState(new ListStateDescriptor("x")), /created as split state/);
});
//# sourceMappingURL=operator-state.test.js.map