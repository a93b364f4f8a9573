import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Prng } from "../../src/testing/simulation/prng.js";

describe("Prng", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number): number[] => {
      const p = new Prng(seed);
      return Array.from({ length: 20 }, () => p.nextUint32());
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });

  it("draws in [0, 1) and integers within their inclusive bounds, covering them", () => {
    const p = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = p.next();
      assert.ok(x >= 0 && x < 1);
      const n = p.int(3, 9);
      assert.ok(Number.isInteger(n) && n >= 3 && n <= 9);
      seen.add(n);
    }
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7, 8, 9]);
  });

  it("is roughly uniform", () => {
    const p = new Prng(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(p.next() * 10)]!++;
    for (const b of buckets) assert.ok(b > 9_500 && b < 10_500, `bucket count ${b}`);
  });

  it("makes UUID-shaped ids and independent forks", () => {
    const p = new Prng(5);
    assert.match(p.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const a = new Prng(9).fork();
    const b = new Prng(9).fork();
    assert.equal(a.nextUint32(), b.nextUint32());
  });
});
