/**
 * The deterministic simulation end to end (docs/architecture.md, "Deterministic simulation"): many
 * seeds of the real control plane under faults keep every invariant; a seed replays to the identical
 * trace; and a deliberately injected bug (no fencing check) is caught by some early seed, whose replay
 * reproduces it exactly.
 *
 * CI runs every fault kind; `npm run simulate -- --seeds 1000` is the longer run (docs/architecture.md,
 * "Deterministic simulation").
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { uninstallShim } from "../../src/testing/simulation/determinism-shim.js";
import { parseFaults, runSeeds } from "../../src/testing/simulation/run-seeds.js";
import { simulate, type SimulationResult } from "../../src/testing/simulation/world.js";

const CI_FAULTS = parseFaults("all");
/** Chosen by measurement: about 0.55 s of CPU per seed of 60 simulated seconds with every fault (this file: ~2 min of CPU). */
const CI_SEEDS = 200;
const DURATION_MS = 60_000;

after(() => uninstallShim());

describe("deterministic simulation", () => {
  it(`keeps every invariant for ${CI_SEEDS} seeds under every fault (${[...CI_FAULTS].join(", ")})`, { timeout: 20 * 60_000 }, async () => {
    const summary = await runSeeds({ start: 1, count: CI_SEEDS, durationMs: DURATION_MS, faults: CI_FAULTS, maxFailures: 3 });
    const failed = summary.failures.map((f) => `seed ${f.seed}: ${f.violation!.invariant}: ${f.violation!.message}\n${f.traceTail.slice(-40).join("\n")}`);
    assert.deepEqual(failed, []);
    assert.equal(summary.passed, CI_SEEDS);
  });

  it("replays a seed with every fault to the identical trace", async () => {
    const all = parseFaults("all");
    const first = await simulate({ seed: 2, durationMs: 30_000, faults: all, keepTrace: true });
    const second = await simulate({ seed: 2, durationMs: 30_000, faults: all, keepTrace: true });
    assert.ok(first.trace!.length > 100);
    assert.deepEqual(second.trace, first.trace);
    assert.equal(second.digest, first.digest);
    const other = await simulate({ seed: 3, durationMs: 30_000, faults: all });
    assert.notEqual(other.digest, first.digest);
  });

  it("catches the injected no-fencing bug within the first few hundred seeds, and its replay reproduces it", { timeout: 10 * 60_000 }, async () => {
    let caught: SimulationResult | undefined;
    for (let seed = 1; seed <= 300 && !caught; seed++) {
      const result = await simulate({ seed, durationMs: DURATION_MS, faults: parseFaults("jm-crash,session-expiry"), bug: "no-fencing" });
      if (result.violation?.invariant === "fencing") caught = result;
    }
    assert.ok(caught, "no seed caught the missing fencing check");
    const baseline = await simulate({ seed: caught.seed, durationMs: DURATION_MS, faults: parseFaults("jm-crash,session-expiry") });
    assert.notEqual(baseline.violation?.invariant, "fencing", "with fencing in place the same seed has no fencing violation");
    for (let i = 0; i < 2; i++) {
      const replay = await simulate({ seed: caught.seed, durationMs: DURATION_MS, faults: parseFaults("jm-crash,session-expiry"), bug: "no-fencing" });
      assert.deepEqual(replay.violation, caught.violation);
      assert.equal(replay.digest, caught.digest);
    }
  });
});
