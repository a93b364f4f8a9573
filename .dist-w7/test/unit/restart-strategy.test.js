/** Restart strategies: attempts, failure-rate windows, exponential backoff, and the defaults. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRestartStrategy, restartStrategyFor } from "../../src/cluster/jobmaster/restart-strategy.js";
test("none never restarts", () => {
    const s = createRestartStrategy({ type: "none" });
    for (let i = 0; i < 3; i++)
        assert.equal(s.onFailure(i).restart, false);
});
test("fixed-delay restarts `attempts` times with the delay, then gives up", () => {
    for (const attempts of [0, 1, 3]) {
        const s = createRestartStrategy({ type: "fixed-delay", attempts, delayMs: 250 });
        const decisions = Array.from({ length: attempts + 2 }, (_, i) => s.onFailure(i * 1000));
        assert.deepEqual(decisions.map((d) => d.restart), decisions.map((_, i) => i < attempts));
        for (const d of decisions.filter((x) => x.restart))
            assert.equal(d.delayMs, 250);
    }
});
test("failure-rate allows at most max failures within any interval", () => {
    const max = 3;
    const interval = 1000;
    const s = createRestartStrategy({ type: "failure-rate", maxFailuresPerInterval: max, failureRateIntervalMs: interval, delayMs: 50 });
    // Reference: restart while the failures in (now - interval, now] number at most max.
    const times = [0, 100, 200, 1150, 1201, 1250, 1300, 5000, 5001, 5002, 5003];
    const seen = [];
    for (const t of times) {
        seen.push(t);
        const inWindow = seen.filter((x) => x > t - interval).length;
        const d = s.onFailure(t);
        assert.equal(d.restart, inWindow <= max, `failure at ${t}: ${inWindow} in the window`);
        assert.equal(d.delayMs, 50);
    }
});
test("exponential-delay grows by the multiplier up to the cap, without jitter when random() is 0.5", () => {
    const s = createRestartStrategy({ type: "exponential-delay", initialBackoffMs: 100, maxBackoffMs: 1000, backoffMultiplier: 2, jitterFactor: 0.1 }, () => 0.5);
    const delays = Array.from({ length: 7 }, (_, i) => s.onFailure(i * 10));
    let expected = 100;
    for (const d of delays) {
        assert.equal(d.restart, true);
        assert.equal(d.delayMs, expected);
        expected = Math.min(expected * 2, 1000);
    }
    assert.deepEqual(delays.map((d) => d.delayMs), [100, 200, 400, 800, 1000, 1000, 1000]);
});
test("exponential-delay jitter stays within ±jitterFactor of the backoff", () => {
    for (const r of [0, 0.25, 0.75, 0.999999]) {
        const s = createRestartStrategy({ type: "exponential-delay", initialBackoffMs: 1000, maxBackoffMs: 60_000, backoffMultiplier: 1.5, jitterFactor: 0.2 }, () => r);
        let backoff = 1000;
        for (let i = 0; i < 12; i++) {
            const { delayMs } = s.onFailure(i);
            const reference = backoff + (r * 2 - 1) * 0.2 * backoff;
            assert.ok(Math.abs(delayMs - reference) <= 0.5, `random ${r}, failure ${i}: ${delayMs} vs ${reference}`);
            assert.ok(delayMs >= backoff * 0.8 - 0.5 && delayMs <= backoff * 1.2 + 0.5);
            backoff = Math.min(backoff * 1.5, 60_000);
        }
    }
});
test("exponential-delay resets to the initial backoff after a quiet period, and honours attempts", () => {
    const s = createRestartStrategy({ type: "exponential-delay", initialBackoffMs: 100, maxBackoffMs: 10_000, backoffMultiplier: 3, resetBackoffThresholdMs: 5000, jitterFactor: 0, attempts: 5 }, () => 0.9);
    assert.equal(s.onFailure(0).delayMs, 100);
    assert.equal(s.onFailure(1000).delayMs, 300);
    assert.equal(s.onFailure(5999).delayMs, 900, "4999 ms since the last failure: still growing");
    assert.equal(s.onFailure(10_999).delayMs, 100, "5000 ms since the last failure: reset");
    const fifth = s.onFailure(11_000);
    assert.deepEqual(fifth, { restart: true, delayMs: 300 });
    assert.equal(s.onFailure(12_000).restart, false, "the sixth failure exceeds 5 attempts");
});
test("Flink's defaults: exponential-delay 1 s, ×1.5, max 1 min, jitter 0.1", () => {
    const s = createRestartStrategy({ type: "exponential-delay" }, () => 0.5);
    const delays = Array.from({ length: 14 }, (_, i) => s.onFailure(i).delayMs);
    assert.deepEqual(delays.slice(0, 4), [1000, 1500, 2250, 3375]);
    assert.equal(delays.at(-1), 60_000);
    const low = createRestartStrategy({ type: "exponential-delay" }, () => 0);
    assert.equal(low.onFailure(0).delayMs, 900);
});
test("restartStrategyFor: the job's own, else the configuration's, else none without and exponential-delay with checkpoints", () => {
    const own = { type: "fixed-delay", attempts: 2, delayMs: 10 };
    assert.deepEqual(restartStrategyFor(own, { "restart-strategy.type": "none" }, true), own);
    assert.deepEqual(restartStrategyFor(undefined, {}, false), { type: "none" });
    assert.equal(restartStrategyFor(undefined, {}, true).type, "exponential-delay");
    assert.deepEqual(restartStrategyFor(undefined, { "restart-strategy.type": "disable" }, true), { type: "none" });
    assert.deepEqual(restartStrategyFor(undefined, { "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "4", "restart-strategy.fixed-delay.delay": "2500" }, false), { type: "fixed-delay", attempts: 4, delayMs: 2500 });
    assert.deepEqual(restartStrategyFor(undefined, { "restart-strategy.type": "failure-rate" }, false), {
        type: "failure-rate",
        maxFailuresPerInterval: 1,
        failureRateIntervalMs: 60_000,
        delayMs: 1000,
    });
    assert.throws(() => restartStrategyFor(undefined, { "restart-strategy.type": "sometimes" }, false), /unknown restart-strategy.type "sometimes"/);
});
test("restartStrategyFor reads Flink's duration syntax and rejects garbage clearly", () => {
    assert.deepEqual(restartStrategyFor(undefined, { "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "3", "restart-strategy.fixed-delay.delay": "10 s" }, false), { type: "fixed-delay", attempts: 3, delayMs: 10_000 });
    const exp = restartStrategyFor(undefined, {
        "restart-strategy.type": "exponential-delay",
        "restart-strategy.exponential-delay.initial-backoff": "500ms",
        "restart-strategy.exponential-delay.max-backoff": "2 min",
        "restart-strategy.exponential-delay.backoff-multiplier": "2.0",
        "restart-strategy.exponential-delay.reset-backoff-threshold": "1 h",
        "restart-strategy.exponential-delay.jitter-factor": "0",
    }, false);
    assert.deepEqual(exp, { type: "exponential-delay", initialBackoffMs: 500, maxBackoffMs: 120_000, backoffMultiplier: 2, resetBackoffThresholdMs: 3_600_000, jitterFactor: 0 });
    const bad = [
        ["restart-strategy.fixed-delay.delay", "soon"],
        ["restart-strategy.fixed-delay.attempts", "many"],
    ];
    for (const [key, value] of bad) {
        assert.throws(() => restartStrategyFor(undefined, { "restart-strategy.type": "fixed-delay", [key]: value }, false), (e) => e instanceof Error && e.message.includes(key) && e.message.includes(value));
    }
});
//# sourceMappingURL=restart-strategy.test.js.map