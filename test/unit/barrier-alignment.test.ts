/**
 * Exactly-once barrier alignment when checkpoints overlap (docs/architecture.md, "State and
 * checkpoints"). Regression: with checkpoints 1 and 2 both in flight and one source skipping 1, a
 * task aligning checkpoint 2 counted the other channel's barrier of checkpoint 1 as its barrier of 2
 * and took the snapshot before that channel's records up to barrier 2 were in. The source's snapshot
 * had them as sent, so a restore lost them: the container faults test's sequence checker saw
 * "sequence 610 after 540" after a TaskManager partition.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BarrierAligner, type Barrier } from "../../src/runtime/checkpoint/barrier-aligner.js";
import { DataEndpoint } from "../../src/runtime/network/data-endpoint.js";
import type { DataFrame } from "../../src/runtime/network/frames.js";
import { InputGate } from "../../src/runtime/network/input-gate.js";

const barrier = (checkpointId: number): Barrier => ({ checkpointId, timestamp: checkpointId, savepoint: false, dir: `/chk-${checkpointId}` });

/** A task with one input of two channels, run the way a StreamTask drains its gate. */
function task() {
  const endpoint = new DataEndpoint("tm1#0", () => {});
  const gate = new InputGate(endpoint, 1, 8, () => {});
  for (const ch of ["a", "b"]) gate.addChannel(ch, 0, "tm2#0");
  const processed: string[] = [];
  const snapshots: { checkpointId: number; after: string[] }[] = [];
  const aligner = new BarrierAligner(gate, "exactly-once", (b) => snapshots.push({ checkpointId: b.checkpointId, after: [...processed] }));
  let n = 0;
  const send = (ch: string, what: number | "record"): void => {
    const frame: DataFrame =
      what === "record"
        ? { t: "buffer", ch, data: new ArrayBuffer(1), records: 1 }
        : { t: "event", ch, event: { kind: "barrier", ...barrier(what) } };
    if (what === "record") labels.set(frame, `${ch}${++n}`);
    endpoint.deliver(frame);
    for (let q = gate.next(); q; q = gate.next()) {
      if (q.frame.t === "event" && q.frame.event.kind === "barrier") aligner.onBarrier(q.channel, q.frame.event);
      else processed.push(labels.get(q.frame)!);
    }
  };
  const labels = new Map<DataFrame, string>();
  return { send, processed, snapshots };
}

test("a channel's barrier of an older checkpoint does not count for the newer one being aligned", () => {
  const t = task();
  t.send("a", "record"); // a1
  t.send("a", 2); // the first source skipped checkpoint 1
  t.send("b", 1); // the second one took part in both
  t.send("b", "record"); // b2: before b's barrier 2, so it belongs in snapshot 2
  assert.deepEqual(t.snapshots, [], "no snapshot before b's barrier of checkpoint 2");
  t.send("b", 2);
  assert.deepEqual(t.snapshots, [{ checkpointId: 2, after: ["a1", "b2"] }]);
});

test("a newer checkpoint's barrier overtakes an unfinished alignment, whose channels then go on", () => {
  const t = task();
  t.send("a", 1);
  t.send("a", "record"); // a1: held by the alignment of checkpoint 1
  t.send("b", 2); // checkpoint 1 was given up: a is released
  assert.deepEqual(t.processed, ["a1"]);
  t.send("a", 2);
  assert.deepEqual(t.snapshots, [{ checkpointId: 2, after: ["a1"] }]);
  t.send("b", 1); // late, and older than the last snapshot: ignored
  t.send("b", "record");
  assert.deepEqual(t.snapshots.length, 1);
});
