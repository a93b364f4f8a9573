/**
 * ValueState read + update per record, in the operator's own loop (set the key, read, write), against
 * the same read + update on a plain Map, measured in the same run. Also through a keyed map
 * operator driven by the test harness (key extraction, state, function call).
 * Run: npm run build && node dist/bench/value-state.js [--count N] [--keys K]
 */
import { ValueStateDescriptor } from "../src/api/state/state-descriptors.js";
import { HeapKeyedStateBackend } from "../src/runtime/state/heap-keyed-state-backend.js";
import { KeyedStateRegistry } from "../src/runtime/state/keyed-state-registry.js";
import { StreamExecutionEnvironment } from "../src/api/environment.js";
import { OperatorTestHarness } from "../src/testing/operator-test-harness.js";
import { argNumber, machine, perSecond, rate, timed } from "./support.js";
const count = argNumber("count", 10_000_000);
const keys = argNumber("keys", 10_000);
function plainMap(n) {
    const m = new Map();
    for (let i = 0; i < n; i++) {
        const k = i % keys;
        m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m.size;
}
function valueState(n) {
    const backend = new HeapKeyedStateBackend(128, 0, 127);
    const state = new KeyedStateRegistry(backend, () => 0).getState(new ValueStateDescriptor("count"));
    for (let i = 0; i < n; i++) {
        backend.setCurrentKey(i % keys);
        state.update((state.value() ?? 0) + 1);
    }
    return backend.table("user:count").groups.reduce((a, g) => a + g.size, 0);
}
class Counter {
    state;
    open(ctx) {
        this.state = ctx.getState(new ValueStateDescriptor("count"));
    }
    map(k) {
        const n = (this.state.value() ?? 0) + 1;
        this.state.update(n);
        return n;
    }
}
async function keyedMap(n) {
    const env = new StreamExecutionEnvironment(1);
    const node = env.fromElements().keyBy((k) => k).map(new Counter()).node;
    const key = env.streamGraph.inEdges(node.id)[0].fns.key;
    const h = await new OperatorTestHarness(node.kind, { fns: node.fns, keySelectors: [key] }).open();
    // Drop outputs as they come: only the operator is measured.
    h.operator.setOutput({ collect() { }, collectSide() { }, emitWatermark() { }, emitStreamStatus() { } });
    for (let i = 0; i < n; i++)
        h.operator.processElement(i % keys, 0, 0);
    return n;
}
plainMap(500_000);
valueState(500_000);
await keyedMap(500_000);
const map = await timed(() => plainMap(count));
const vs = await timed(() => valueState(count));
const op = await timed(() => keyedMap(count));
console.log(`machine: ${machine()}`);
console.log(`operations: ${count} read+update over ${keys} keys`);
console.log(`plain Map get+set:              ${rate(count, map.ms)}`);
console.log(`ValueState (set key, value, update): ${rate(count, vs.ms)}  ratio to Map ${(perSecond(count, vs.ms) / perSecond(count, map.ms)).toFixed(2)}`);
console.log(`keyed map operator with ValueState:  ${rate(count, op.ms)}  ratio to Map ${(perSecond(count, op.ms) / perSecond(count, map.ms)).toFixed(2)}`);
//# sourceMappingURL=value-state.js.map