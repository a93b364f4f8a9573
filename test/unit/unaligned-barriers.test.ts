/**
 * Unaligned checkpoints in the data plane (docs/checkpoints.md, "Unaligned checkpoints"): a barrier
 * overtakes an output subpartition's backlog and an input channel's queue; the input side's
 * in-flight data is exactly what arrived on each channel before its barrier and was processed
 * after the snapshot (compared with that rule computed from the arrival log); the aligned-
 * checkpoint-timeout switches an alignment to unaligned, and a prompt alignment stays aligned.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BarrierAligner, type Barrier } from "../../src/runtime/checkpoint/barrier-aligner.js";
import type { CollectedInput } from "../../src/runtime/checkpoint/channel-state.js";
import { DataEndpoint } from "../../src/runtime/network/data-endpoint.js";
import type { DataFrame } from "../../src/runtime/network/frames.js";
import { restoredFrame } from "../../src/runtime/network/in-flight-data.js";
import { InputGate } from "../../src/runtime/network/input-gate.js";
import { RecordBatchDecoder, RecordBatchEncoder, NO_TIMESTAMP } from "../../src/runtime/network/record-batch-codec.js";
import { CapturingChannel } from "./support/network.js";
import { mulberry32 } from "./support/random.js";

const encoder = new RecordBatchEncoder();
const decoder = new RecordBatchDecoder();
const record = (ch: string, label: string): DataFrame => ({ t: "buffer", ch, data: encoder.encode([label], null), records: 1 });
const labelOf = (data: ArrayBuffer | Uint8Array): string => decoder.decode(data instanceof Uint8Array ? data.slice().buffer : data).values[0] as string;
const barrier = (checkpointId: number, extra: Partial<Barrier> = {}): Barrier => ({ checkpointId, timestamp: Date.now(), savepoint: false, dir: `/chk-${checkpointId}`, ...extra });

test("an unaligned barrier leaves an output subpartition first; what it overtook is returned, stays queued, and goes out after it", () => {
  const ch = new CapturingChannel("c", true);
  const sp = ch.subpartition;
  sp.addCredits(1);
  for (const n of [1, 2, 3, 4]) sp.add({ n }, NO_TIMESTAMP);
  sp.sendEvent({ kind: "watermark", timestamp: 7 });
  assert.equal(ch.buffersSent, 1, "one credit: one buffer out, three waiting");
  const overtaken = sp.sendPriorityBarrier({ kind: "barrier", ...barrier(1), unaligned: true });
  assert.deepEqual(ch.received().map((r) => (r.kind === "event" ? r.event.kind : (r.value as { n: number }).n)), [1, "barrier"]);
  assert.deepEqual(
    overtaken.map((f) => (f.t === "buffer" ? (decoder.decode(f.data.slice().buffer).values[0] as { n: number }).n : f.event.kind)),
    [2, 3, 4, "watermark"],
  );
  sp.addCredits(3);
  assert.deepEqual(ch.values(), [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }], "every record still goes out once, in order");
  // Restore: the persisted frames go out again before anything new.
  const restored = new CapturingChannel("r", true);
  restored.subpartition.restoreInFlight(overtaken);
  restored.subpartition.add({ n: 5 }, NO_TIMESTAMP);
  restored.subpartition.addCredits(10);
  assert.deepEqual(restored.values(), [{ n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
});

test("an unaligned barrier never overtakes an older barrier; a timed-out aligned barrier overtakes the data before it", () => {
  const ch = new CapturingChannel("c", true);
  const sp = ch.subpartition;
  sp.add({ n: 1 }, NO_TIMESTAMP);
  sp.sendEvent({ kind: "barrier", ...barrier(1, { alignedTimeoutMs: 10 }) });
  sp.add({ n: 2 }, NO_TIMESTAMP);
  const overtaken = sp.sendPriorityBarrier({ kind: "barrier", ...barrier(2), unaligned: true });
  assert.equal(overtaken.length, 1, "only the record after barrier 1");
  assert.equal(ch.frames.length, 0, "nothing can leave before record 1 has credit");
  const beforeOne = sp.overtakeQueuedBarrier(1)!;
  assert.equal(beforeOne.length, 1);
  assert.deepEqual(
    ch.frames.map((f) => (f.t === "event" && f.event.kind === "barrier" ? [f.event.checkpointId, f.event.unaligned === true] : f.t)),
    [[1, true]],
    "barrier 1 turned unaligned and left; barrier 2 waits behind record 1",
  );
  assert.equal(sp.overtakeQueuedBarrier(1), undefined, "a barrier that has left is not found again");
});

/**
 * A task with one input of `channels` channels, drained the way the StreamInputProcessor drains:
 * frames one at a time, priority first. Returns the log of what happened.
 */
function task(channels: string[], onBarrierMode: "unaligned" | "aligned") {
  const endpoint = new DataEndpoint("tm1#0", () => {});
  const gate = new InputGate(endpoint, 1, 1000, () => {});
  for (const ch of channels) gate.addChannel(ch, 0, "tm2#0", 1000, ch);
  const arrivals: Array<{ ch: string; label: string; seq: number }> = [];
  const processed: Array<{ ch: string; label: string }> = [];
  const snapshots: Array<{ id: number; unaligned: boolean; processedBefore: number; input?: Promise<CollectedInput> }> = [];
  const aligner = new BarrierAligner(
    gate,
    "exactly-once",
    (b) => snapshots.push({ id: b.checkpointId, unaligned: false, processedBefore: processed.length }),
    (b, input) => snapshots.push({ id: b.checkpointId, unaligned: true, processedBefore: processed.length, input: input.done }),
  );
  let seq = 0;
  const deliver = (frame: DataFrame): void => {
    seq++;
    if (frame.t === "buffer") arrivals.push({ ch: frame.ch, label: labelOf(frame.data), seq });
    endpoint.deliver(frame);
  };
  /** `priorityOnly`: the task is backpressured and takes only priority frames. */
  const drain = (max = Infinity, priorityOnly = false): void => {
    for (let n = 0; n < max; n++) {
      const q = priorityOnly ? gate.nextPriority() : gate.next();
      if (!q) return;
      if (q.frame.t === "event" && q.frame.event.kind === "barrier") {
        if (q.announcement) aligner.onAnnouncement(q.frame.event);
        else aligner.onBarrier(q.channel, q.frame.event, q.seq);
      }
      else if (q.frame.t === "buffer") processed.push({ ch: q.channel.id, label: labelOf(q.frame.data) });
    }
  };
  const sendBarrier = (ch: string, id: number, extra: Partial<Barrier> = {}): void => {
    seq++;
    barrierSeq.set(ch, seq);
    endpoint.deliver({ t: "event", ch, event: { kind: "barrier", ...barrier(id, extra), ...(onBarrierMode === "unaligned" ? { unaligned: true } : {}) } });
  };
  const barrierSeq = new Map<string, number>();
  return { gate, deliver, drain, sendBarrier, arrivals, processed, snapshots, barrierSeq };
}

test("the in-flight input is every record that arrived before its channel's barrier and was processed after the snapshot (random interleavings)", async () => {
  for (let seed = 1; seed <= 40; seed++) {
    const rnd = mulberry32(seed);
    const channels = ["a", "b", "c"];
    const t = task(channels, "unaligned");
    const pendingBarrier = new Set(channels);
    let n = 0;
    while (pendingBarrier.size > 0) {
      const r = rnd();
      const ch = channels[Math.floor(rnd() * channels.length)]!;
      if (r < 0.55) t.deliver(record(ch, `${ch}${++n}`));
      else if (r < 0.85) t.drain(1 + Math.floor(rnd() * 3));
      else if (pendingBarrier.has(ch)) {
        t.sendBarrier(ch, 1);
        pendingBarrier.delete(ch);
      }
    }
    t.drain();
    for (let i = 0; i < 5; i++) t.deliver(record("a", `after${i}`));
    t.drain();
    assert.equal(t.snapshots.length, 1, `seed ${seed}: one snapshot`);
    const snap = t.snapshots[0]!;
    assert.equal(snap.unaligned, true);
    const processedAfter = new Set(t.processed.slice(snap.processedBefore).map((p) => p.label));
    const expected: Record<string, string[]> = {};
    for (const a of t.arrivals) {
      if (a.seq < (t.barrierSeq.get(a.ch) ?? Infinity) && processedAfter.has(a.label)) (expected[a.ch] ??= []).push(a.label);
    }
    const { inputs } = await snap.input!;
    const actual = Object.fromEntries(Object.entries(inputs).map(([k, frames]) => [k, frames.map((f) => (f.t === "buffer" ? labelOf(f.data) : "event"))]));
    assert.deepEqual(actual, expected, `seed ${seed}`);
    // Every record is processed exactly once at runtime, whatever the barrier overtook.
    assert.equal(t.processed.length, t.arrivals.length, `seed ${seed}: all processed once`);
  }
});

test("restored in-flight input is processed before new input, and takes no credit back", () => {
  const credits: DataFrame[] = [];
  const endpoint = new DataEndpoint("tm1#0", (_to, f) => credits.push(f));
  const gate = new InputGate(endpoint, 1, 4, () => {});
  gate.addChannel("x", 0, "tm2#0", 4, "0/0");
  endpoint.deliver(record("x", "new"));
  gate.prependRecovered([{ channel: gate.channels[0]!, frame: restoredFrame({ t: "buffer", data: new Uint8Array(encoder.encode(["old"], null)), records: 1 }, "x") }]);
  const order: string[] = [];
  for (let q = gate.next(); q; q = gate.next()) {
    if (q.frame.t === "buffer") order.push(labelOf(q.frame.data));
    gate.processed(q);
  }
  assert.deepEqual(order, ["old", "new"]);
  assert.equal(credits.length, 1, "one credit back: for the new buffer only");
});

test("aligned-checkpoint-timeout: a prompt alignment stays aligned; one still waiting at the timeout switches, and what the blocked channel held is not in flight", async () => {
  const prompt = task(["a", "b"], "aligned");
  prompt.sendBarrier("a", 1, { alignedTimeoutMs: 60_000 });
  prompt.deliver(record("b", "b1"));
  prompt.sendBarrier("b", 1, { alignedTimeoutMs: 60_000 });
  prompt.drain();
  assert.deepEqual(prompt.snapshots.map((s) => [s.id, s.unaligned]), [[1, false]]);

  const slow = task(["a", "b"], "aligned");
  // The checkpoint started long ago: its timeout has passed when the first barrier arrives.
  slow.sendBarrier("a", 1, { alignedTimeoutMs: 10, timestamp: Date.now() - 1000 });
  slow.deliver(record("a", "a-after"));
  slow.deliver(record("b", "b-before"));
  slow.drain(1); // a's barrier: a is blocked, the switch comes at the next safe point
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(slow.snapshots.map((s) => [s.id, s.unaligned]), [[1, true]]);
  slow.drain();
  slow.deliver(record("b", "b-before-2"));
  slow.sendBarrier("b", 1, { alignedTimeoutMs: 10 });
  slow.deliver(record("b", "b-after"));
  slow.drain();
  const { inputs } = await slow.snapshots[0]!.input!;
  assert.deepEqual(
    Object.fromEntries(Object.entries(inputs).map(([k, f]) => [k, f.map((x) => (x.t === "buffer" ? labelOf(x.data) : ""))])),
    { b: ["b-before", "b-before-2"] },
  );
  assert.deepEqual(slow.processed.map((p) => p.label).sort(), ["a-after", "b-after", "b-before", "b-before-2"]);
});

test("a backpressured task whose aligned barriers wait behind data: their announcements start the timeout, the switch moves them ahead", async () => {
  const t = task(["a", "b"], "aligned");
  t.deliver(record("a", "a1"));
  t.deliver(record("b", "b1"));
  t.sendBarrier("a", 1, { alignedTimeoutMs: 50 });
  t.deliver(record("b", "b2"));
  t.sendBarrier("b", 1, { alignedTimeoutMs: 50 });
  t.deliver(record("a", "a-after"));
  // The task cannot process records (its output is blocked): only priority frames are taken.
  t.drain(Infinity, true);
  assert.equal(t.snapshots.length, 0, "no snapshot before the timeout");
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(t.snapshots.map((s) => [s.id, s.unaligned]), [[1, true]], "switched at the timeout");
  t.drain(Infinity, true);
  const { inputs } = await t.snapshots[0]!.input!;
  assert.deepEqual(
    Object.fromEntries(Object.entries(inputs).map(([k, f]) => [k, f.map((x) => (x.t === "buffer" ? labelOf(x.data) : ""))])),
    { a: ["a1"], b: ["b1", "b2"] },
    "completed without processing a record: the in-flight input is everything before the barriers",
  );
  assert.equal(t.processed.length, 0);
  t.drain();
  assert.deepEqual(t.processed.map((p) => p.label), ["a1", "b1", "b2", "a-after"], "afterwards everything is processed once");
});
