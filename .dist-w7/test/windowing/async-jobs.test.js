/** Async I/O jobs at parallelism 1 and 4: ordered keeps order, unordered does not wait, both respect capacity. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCollecting } from "./support/job-results.js";
const COUNT = 200;
const CAPACITY = 5;
for (const p of [1, 4]) {
    test(`async I/O at parallelism ${p}`, async () => {
        const r = await runCollecting("windowing/async-job.ts", p, [String(COUNT), String(CAPACITY)]);
        const ordered = r.get("ordered");
        const unordered = r.get("unordered");
        const all = Array.from({ length: COUNT }, (_, i) => i + 1);
        for (const results of [ordered, unordered]) {
            assert.deepEqual(results.map((x) => x.id).sort((a, b) => a - b), all, "every element exactly once");
            assert.ok(Math.max(...results.map((x) => x.inFlight)) <= CAPACITY, "never more than `capacity` calls in flight");
        }
        for (let s = 0; s < p; s++) {
            // Each subtask receives increasing ids (round-robin from one source), so ordered output is increasing.
            const seq = ordered.filter((x) => x.subtask === s).map((x) => x.id);
            assert.deepEqual(seq, [...seq].sort((a, b) => a - b), `ordered output of subtask ${s} keeps input order`);
        }
        const slow = unordered.find((x) => x.id === 3);
        const sameSubtask = unordered.filter((x) => x.subtask === slow.subtask);
        assert.ok(sameSubtask.indexOf(slow) > 3, "unordered: elements after the slow one were emitted before it");
        assert.ok(Math.max(...ordered.map((x) => x.inFlight)) === CAPACITY, "the capacity was reached (so it was enforced, not just unused)");
    });
}
//# sourceMappingURL=async-jobs.test.js.map