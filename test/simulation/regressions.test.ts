/**
 * Seeds on which the simulation found bugs in the control plane. Each case replays its seed with the
 * faults that found it.
 *
 * `open` bugs are not fixed yet: the replay must still show the violation (so the seed keeps
 * pointing at the bug, and a fix is noticed). The fix lands together with changing the case to
 * `fixed`, which asserts that the seed now keeps every invariant — the regression test.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { uninstallShim } from "../../src/testing/simulation/determinism-shim.js";
import { parseFaults } from "../../src/testing/simulation/run-seeds.js";
import type { Violation } from "../../src/testing/simulation/invariants.js";
import { simulate } from "../../src/testing/simulation/world.js";

interface FoundBug {
  readonly seed: number;
  readonly faults: string;
  readonly bug: string;
  readonly status: { readonly open: Violation["invariant"]; readonly message: RegExp } | "fixed";
}

const FOUND: readonly FoundBug[] = [
  {
    seed: 29,
    faults: "rpc-loss",
    bug: "a TaskExecutor that loses its JobMaster connection frees the job's slots without reporting their tasks: the JobMaster (its own connection up) waits forever for 'running' tasks of a bounded job",
    status: { open: "liveness", message: /RUNNING, tasks \{"RUNNING":2,"FINISHED":2/ },
  },
  {
    seed: 3,
    faults: "rpc-loss",
    bug: "the same freed slots, then a failover: cancelTask of an execution the TaskExecutor no longer has is ignored, so the job waits in RESTARTING for cancellations that never come",
    status: { open: "liveness", message: /RESTARTING, tasks \{"CANCELING":2/ },
  },
  {
    seed: 7,
    faults: "rpc-loss",
    bug: "the JobMaster keeps the allocation of a slot the TaskExecutor freed; the slot re-offered under a new allocation id counts twice and two subtasks of one vertex are deployed into it",
    status: { open: "slot", message: /slot tm-1#0 runs sink#1/ },
  },
  {
    seed: 25,
    faults: "session-expiry",
    bug: "TaskExecutor.submitTask checks the slot's allocation before awaiting the bundle and not after: a slot freed meanwhile (stale leader session) and given to another job gets the stale task",
    status: { open: "slot", message: /slot tm-3#0 runs source#1 .* while it already holds 4c41c629/ },
  },
];

after(() => uninstallShim());

describe("seeds that found bugs", () => {
  for (const found of FOUND) {
    const state = found.status === "fixed" ? "fixed" : "open";
    it(`seed ${found.seed} (--faults ${found.faults}), ${state}: ${found.bug}`, async () => {
      const result = await simulate({ seed: found.seed, durationMs: 60_000, faults: parseFaults(found.faults) });
      if (found.status === "fixed") {
        assert.equal(result.violation, undefined, `${result.violation?.invariant}: ${result.violation?.message}`);
      } else {
        assert.equal(result.violation?.invariant, found.status.open, result.violation?.message);
        assert.match(result.violation!.message, found.status.message);
      }
    });
  }
});
