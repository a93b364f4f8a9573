/**
 * q10 writes its rows as CSV under dt=…/hm=… folders, one file per subtask: the files hold
 * exactly the reference's rows, each under its own day and minute.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { example } from "../support/paths.js";
import { REFERENCES, referenceInput } from "./reference/index.js";
test("q10 files every bid under its day and minute", async () => {
    // 10,000 events at 50 per second: 200 s of event time, so several minutes' partitions.
    const events = 10_000;
    const dir = mkdtempSync(join(tmpdir(), "sluice-nexmark-q10-"));
    const r = await runJob(example("nexmark/q10.ts"), { parallelism: 2, args: [String(events), "0", `path=${dir}`, "event-rate=50"] });
    assert.equal(r.state, "FINISHED", r.failure?.message);
    const written = [];
    for (const day of readdirSync(dir)) {
        for (const minute of readdirSync(join(dir, day))) {
            for (const file of readdirSync(join(dir, day, minute))) {
                assert.match(file, /^part-[01]\.csv$/);
                for (const line of readFileSync(join(dir, day, minute, file), "utf8").split("\n").filter(Boolean))
                    written.push(`${day}/${minute} ${line}`);
            }
        }
    }
    const want = [];
    REFERENCES.q10(referenceInput(events, { firstEventRate: 50 }), (row) => {
        const b = row;
        want.push(`dt=${b.dt}/hm=${b.hm.replace(":", "-")} ${b.auction},${b.bidder},${b.price},${b.dateTime},${b.extra}`);
    });
    assert.ok(new Set(want.map((l) => l.split(" ")[0])).size >= 3, "rows span several minutes");
    assert.deepEqual(written.sort(), want.sort());
});
//# sourceMappingURL=q10-files.test.js.map