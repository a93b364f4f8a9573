/** fromSequence: contiguous splits whose union is the serial sequence; positions resume exactly. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SequenceSource, splitRange } from "../../src/api/builtin/sequence-source.js";
import { drain, readParallel } from "./support/sources.js";

function serial(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

test("the union over subtasks is the serial sequence, each number once, in order per subtask", () => {
  for (const [from, to] of [[1, 100], [0, 0], [5, 4], [-7, 3], [10, 12], [2 ** 53 - 10, 2 ** 53 - 1]] as const) {
    for (let p = 1; p <= 5; p++) {
      const parts = readParallel(new SequenceSource(from, to), p);
      assert.deepEqual(parts.flat(), serial(from, to), `[${from}, ${to}] at p ${p}`);
      const sizes = parts.map((x) => x.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, "balanced splits");
      parts.forEach((part, s) => {
        const [start, end] = splitRange(from, to, p, s);
        assert.deepEqual(part, serial(start, end));
      });
    }
  }
});

test("invalid bounds are rejected", () => {
  assert.throws(() => new SequenceSource(5, 3), RangeError);
  assert.throws(() => new SequenceSource(0.5, 3), RangeError);
  assert.throws(() => new SequenceSource(0, 2 ** 53), RangeError);
});

test("snapshotState/restoreState resumes exactly where it stopped", () => {
  for (let p = 1; p <= 3; p++) {
    for (let s = 0; s < p; s++) {
      const source = new SequenceSource(1, 50);
      const full = drain(source.createReader({ parallelism: p, subtaskIndex: s })).records;
      for (let k = 0; k <= full.length; k++) {
        const first = source.createReader({ parallelism: p, subtaskIndex: s });
        const head = k === 0 ? [] : drain(first, k).records;
        const position = structuredClone(first.snapshotState());
        const second = source.createReader({ parallelism: p, subtaskIndex: s });
        second.restoreState!(position);
        assert.deepEqual([...head, ...drain(second).records], full, `p ${p} subtask ${s} after ${k}`);
      }
    }
  }
});
