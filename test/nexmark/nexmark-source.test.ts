/**
 * The Nexmark source: its subtasks together emit exactly the serial generator stream, with the
 * event time as record timestamp; a reader resumes exactly from its snapshot, also when the
 * snapshots of all readers are pooled and dealt out to another number of readers (a rescale);
 * unbounded and paced modes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SourceReader } from "../../src/api/source.js";
import { createNexmarkConfig, nexmarkEvent, nexmarkEventTime, NexmarkSource, nexmarkWatermarkStrategy, type NexmarkEvent, type NexmarkSplit } from "../../src/connectors/nexmark/index.js";
import { readerOutput } from "../../src/testing/reader-output.js";

const config = { seed: 3 };
const serial = (count: number): NexmarkEvent[] => {
  const c = createNexmarkConfig({ ...config, numEvents: count });
  return Array.from({ length: count }, (_, n) => nexmarkEvent(n, c));
};

/** Polls until the end or until at least `limit` events; returns the events and their timestamps. */
function read(reader: SourceReader<NexmarkEvent, NexmarkSplit>, limit = Infinity): { events: NexmarkEvent[]; timestamps: (number | undefined)[]; ended: boolean } {
  const events: NexmarkEvent[] = [];
  const timestamps: (number | undefined)[] = [];
  while (events.length < limit) {
    const status = reader.pollNext(readerOutput((e, ts) => (events.push(e), timestamps.push(ts))));
    if (status === "end-of-input") return { events, timestamps, ended: true };
    if (status === "nothing-available") throw new Error("nothing available at full speed");
  }
  return { events, timestamps, ended: false };
}

const key = (e: NexmarkEvent): string => JSON.stringify(e);

test("the subtasks' events are the serial stream, strided, with event time as timestamp", () => {
  const count = 2_000;
  const all = serial(count);
  const source = new NexmarkSource({ events: count, config });
  assert.equal(source.boundedness, "bounded");
  for (const p of [1, 2, 3, 5]) {
    const union: NexmarkEvent[] = [];
    for (let s = 0; s < p; s++) {
      const { events, timestamps, ended } = read(source.createReader({ parallelism: p, subtaskIndex: s }));
      assert.ok(ended);
      assert.deepEqual(events, all.filter((_, n) => n % p === s), `subtask ${s} of ${p}`);
      assert.deepEqual(timestamps, events.map(nexmarkEventTime));
      union.push(...events);
    }
    assert.equal(union.length, count);
  }
});

test("a reader resumes exactly where its snapshot was taken", () => {
  const count = 300;
  const source = new NexmarkSource({ events: count, config });
  for (const p of [1, 3]) {
    const full = read(source.createReader({ parallelism: p, subtaskIndex: p - 1 })).events;
    for (const k of [0, 1, 7, 50, full.length]) {
      const first = source.createReader({ parallelism: p, subtaskIndex: p - 1 });
      const head = read(first, k).events;
      const second = source.createReader({ parallelism: p, subtaskIndex: p - 1 });
      second.restoreState!(structuredClone(first.snapshotState()));
      assert.deepEqual([...head, ...read(second).events], full, `parallelism ${p}, after ${k} events`);
    }
  }
});

test("snapshots pooled and dealt out to another parallelism give every remaining event once", () => {
  const count = 1_000;
  const all = serial(count).map(key);
  const source = new NexmarkSource({ events: count, config });
  for (const [from, to] of [
    [2, 3],
    [3, 1],
    [4, 2],
  ] as const) {
    const before: string[] = [];
    const splits: NexmarkSplit[] = [];
    for (let s = 0; s < from; s++) {
      const reader = source.createReader({ parallelism: from, subtaskIndex: s });
      before.push(...read(reader, 40 + 13 * s).events.map(key));
      splits.push(...structuredClone(reader.snapshotState()));
    }
    const after: string[] = [];
    for (let s = 0; s < to; s++) {
      const reader = source.createReader({ parallelism: to, subtaskIndex: s });
      reader.restoreState!(splits.filter((_, i) => i % to === s));
      after.push(...read(reader).events.map(key));
    }
    assert.deepEqual([...before, ...after].sort(), [...all].sort(), `${from} → ${to}`);
  }
});

test("a reader holding several splits reads them merged in event-time order", () => {
  // As after a restore at parallelism 1 of a parallelism-3 snapshot: were the splits read one
  // after the other, event time would run to the end and back, and the watermark would make
  // the later splits' events late.
  const count = 600;
  const source = new NexmarkSource({ events: count, config });
  const splits: NexmarkSplit[] = [];
  let before = 0;
  for (let s = 0; s < 3; s++) {
    const reader = source.createReader({ parallelism: 3, subtaskIndex: s });
    before += read(reader, 10 * (s + 1)).events.length;
    splits.push(...reader.snapshotState());
  }
  const merged = source.createReader({ parallelism: 1, subtaskIndex: 0 });
  merged.restoreState!(splits);
  const { timestamps, events } = read(merged);
  for (let i = 1; i < timestamps.length; i++) assert.ok(timestamps[i]! >= timestamps[i - 1]!, `event ${i} goes back in time`);
  assert.equal(events.length, count - before);
});

test("an unbounded source keeps going and its snapshot survives serialization", () => {
  const source = new NexmarkSource({ events: 0, config });
  assert.equal(source.boundedness, "unbounded");
  const reader = source.createReader({ parallelism: 2, subtaskIndex: 1 });
  const { events, ended } = read(reader, 1_000);
  assert.equal(ended, false);
  const split = JSON.parse(JSON.stringify(reader.snapshotState())) as NexmarkSplit[];
  assert.deepEqual(split, [{ start: 1 + 2 * events.length, end: null, step: 2 }]);
  const resumed = source.createReader({ parallelism: 2, subtaskIndex: 1 });
  resumed.restoreState!(split);
  const c = createNexmarkConfig(config);
  assert.deepEqual(read(resumed, 4).events.slice(0, 4), [0, 1, 2, 3].map((i) => nexmarkEvent(1 + 2 * (events.length + i), c)));
});

test("a target rate: each reader emits its share of the events due by now", (t) => {
  let now = 5_000_000;
  t.mock.method(Date, "now", () => now);
  // 100 events/s over 2 readers: one event every 20 ms per reader.
  const reader = new NexmarkSource({ events: 0, eventsPerSecond: 100, config }).createReader({ parallelism: 2, subtaskIndex: 0 });
  let emitted = 0;
  const start = now;
  for (let ms = 0; ms <= 1_000; ms += 5) {
    now = start + ms;
    while (reader.pollNext(readerOutput(() => emitted++)) === "more") {
      /* take what is due */
    }
    assert.equal(emitted, Math.floor(ms / 20) + 1, `at ${ms} ms`);
  }
});

test("pacing by event time follows the generator's rate", (t) => {
  let now = 7_000_000;
  t.mock.method(Date, "now", () => now);
  // Event time advances 1 s per 10 events; a single reader emits them at that pace.
  const reader = new NexmarkSource({ events: 0, rateLimited: true, config: { ...config, firstEventRate: 10 } }).createReader({ parallelism: 1, subtaskIndex: 0 });
  let emitted = 0;
  const start = now;
  for (let ms = 0; ms <= 2_000; ms += 50) {
    now = start + ms;
    while (reader.pollNext(readerOutput(() => emitted++)) === "more") {
      /* take what is due */
    }
    assert.equal(emitted, Math.floor(ms / 100) + 1, `at ${ms} ms`);
  }
});

test("the watermark strategy trails the event time by 4 s", () => {
  const strategy = nexmarkWatermarkStrategy();
  const generator = strategy.createWatermarkGenerator();
  const e = serial(1)[0]!;
  assert.equal(strategy.timestampAssigner!(e, undefined), nexmarkEventTime(e));
  const marks: number[] = [];
  generator.onEvent(e, nexmarkEventTime(e), { emitWatermark: (w) => marks.push(w), markIdle() {}, markActive() {} });
  generator.onPeriodicEmit({ emitWatermark: (w) => marks.push(w), markIdle() {}, markActive() {} });
  assert.deepEqual(marks, [nexmarkEventTime(e) - 4000 - 1]);
});
