/** The data generator: subtask s of p produces the indices s, s+p, …; positions resume; rate limiting. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataGeneratorSource } from "../../src/connectors/data-generator-source.js";
import { readerOutput } from "../../src/testing/reader-output.js";
import { drain, readParallel } from "./support/sources.js";

const gen = (i: number) => ({ id: i, word: `w${i % 7}` });

test("the union over subtasks is generator(0..count-1), each index once", () => {
  for (const count of [0, 1, 7, 100]) {
    const serial = Array.from({ length: count }, (_, i) => gen(i));
    for (let p = 1; p <= 5; p++) {
      const parts = readParallel(new DataGeneratorSource(gen, count), p);
      const union = parts.flat().sort((a, b) => a.id - b.id);
      assert.deepEqual(union, serial, `count ${count} at p ${p}`);
      parts.forEach((part, s) => assert.deepEqual(part, serial.filter((r) => r.id % p === s)));
    }
  }
  assert.equal(new DataGeneratorSource(gen, 10).boundedness, "bounded");
  assert.equal(new DataGeneratorSource(gen).boundedness, "unbounded");
  assert.throws(() => new DataGeneratorSource(gen, -1), RangeError);
});

test("snapshotState/restoreState resumes exactly", () => {
  const source = new DataGeneratorSource(gen, 40);
  for (let p = 1; p <= 3; p++) {
    for (let s = 0; s < p; s++) {
      const full = drain(source.createReader({ parallelism: p, subtaskIndex: s })).records;
      for (let k = 0; k <= full.length; k++) {
        const first = source.createReader({ parallelism: p, subtaskIndex: s });
        const head = drain(first, k).records;
        const second = source.createReader({ parallelism: p, subtaskIndex: s });
        second.restoreState!(structuredClone(first.snapshotState()));
        assert.deepEqual([...head, ...drain(second).records], full);
      }
    }
  }
});

test("an unbounded generator keeps going", () => {
  const r = new DataGeneratorSource(gen).createReader({ parallelism: 2, subtaskIndex: 1 });
  const { records, status } = drain(r, 1000);
  assert.equal(status, "more");
  assert.deepEqual(records.map((x) => x.id), Array.from({ length: 1000 }, (_, i) => 1 + 2 * i));
});

test("rate limiting: at most the records due by now, then nothing-available until the next is due", async (t) => {
  let now = 1_000_000;
  t.mock.method(Date, "now", () => now);
  // 10 records/s over 2 subtasks: 5 per subtask per second, one every 200 ms.
  const reader = new DataGeneratorSource(gen, Number.POSITIVE_INFINITY, { recordsPerSecond: 10 }).createReader({ parallelism: 2, subtaskIndex: 0 });
  const got: number[] = [];
  const poll = () => reader.pollNext(readerOutput((v) => got.push(v.id)));
  const start = now;
  for (let ms = 0; ms <= 2000; ms += 10) {
    now = start + ms;
    while (poll() !== "nothing-available") {
      /* take everything that is due */
    }
    // Record k (0-based) is due at k·200 ms: by time t, floor(t/200)+1 records.
    assert.equal(got.length, Math.floor(ms / 200) + 1, `at ${ms} ms`);
  }
  assert.deepEqual(got, Array.from({ length: got.length }, (_, i) => 2 * i));
  // isAvailable() resolves when the next record is due.
  now = start + 2050;
  assert.equal(poll(), "nothing-available");
  const timers: number[] = [];
  t.mock.method(globalThis, "setTimeout", (fn: () => void, ms: number) => {
    timers.push(ms);
    fn();
    return 0 as unknown as NodeJS.Timeout;
  });
  await reader.isAvailable();
  assert.deepEqual(timers, [150]);
});
