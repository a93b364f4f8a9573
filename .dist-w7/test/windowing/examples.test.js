/** The page-view-counts and fraud-detection examples at parallelism 1 and 3 against plain computations. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { pageView } from "../../examples/page-view-counts.js";
import { transaction } from "../../examples/fraud-detection.js";
import { canonical } from "./support/reference.js";
import { runCollecting } from "./support/job-results.js";
const VIEWS = 3000;
const TRANSACTIONS = 5000;
function expectedPageViews() {
    const counts = new Map();
    for (let i = 0; i < VIEWS; i++) {
        const v = pageView(i);
        const id = `${v.page}|${new Date(v.time - (v.time % 60_000)).toISOString()}`;
        counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts].map(([id, views]) => ({ page: id.split("|")[0], windowStart: id.split("|")[1], views }));
}
function expectedAlerts() {
    // The whole input is processed well within a minute of wall-clock time, so no flag expires.
    const flagged = new Set();
    const alerts = [];
    for (let i = 0; i < TRANSACTIONS; i++) {
        const t = transaction(i);
        if (flagged.has(t.accountId)) {
            if (t.amount > 500)
                alerts.push({ accountId: t.accountId, index: t.index });
            flagged.delete(t.accountId);
        }
        if (t.amount < 1)
            flagged.add(t.accountId);
    }
    return alerts;
}
for (const p of [1, 3]) {
    test(`examples at parallelism ${p}`, async () => {
        const r = await runCollecting("windowing/examples-job.ts", p, [String(VIEWS), String(TRANSACTIONS)]);
        const views = expectedPageViews();
        assert.ok(views.length > 10);
        assert.deepEqual(canonical(r.get("page-views")), canonical(views));
        const alerts = expectedAlerts();
        assert.ok(alerts.length > 5, "the input has planted fraud");
        assert.deepEqual(canonical(r.get("alerts")), canonical(alerts));
    });
}
//# sourceMappingURL=examples.test.js.map