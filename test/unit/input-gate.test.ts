/**
 * The consumer side: credits (initial grant, one back per processed buffer), and per-input
 * watermarks and idleness over channels (Flink's StatusWatermarkValve), compared with a reference.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataEndpoint } from "../../src/runtime/network/data-endpoint.js";
import type { DataEvent, DataFrame } from "../../src/runtime/network/frames.js";
import { InputGate } from "../../src/runtime/network/input-gate.js";
import { mulberry32, randomInt } from "./support/random.js";

function setup(channelsPerInput: number[], buffersPerChannel = 2) {
  const relayed: { to: string; frame: DataFrame }[] = [];
  const endpoint = new DataEndpoint("tm1#0", (to, frame) => relayed.push({ to, frame }));
  let arrivals = 0;
  const gate = new InputGate(endpoint, channelsPerInput.length, buffersPerChannel, () => arrivals++);
  channelsPerInput.forEach((n, input) => {
    for (let c = 0; c < n; c++) gate.addChannel(`1/${input}/${c}/0`, input, `tm2#${c}`);
  });
  /** Delivers an event on a channel and applies it as the task would. */
  const event = (input: number, c: number, ev: DataEvent) => {
    endpoint.deliver({ t: "event", ch: `1/${input}/${c}/0`, event: ev });
    const q = gate.next()!;
    assert.equal(q.frame.t, "event");
    return gate.applyEvent(q.channel, ev);
  };
  return { endpoint, gate, relayed, event, arrivals: () => arrivals };
}

test("initial credits per channel, and one credit back per processed buffer", () => {
  const { endpoint, gate, relayed, arrivals } = setup([2, 1], 4);
  gate.grantInitialCredits();
  assert.deepEqual(relayed, [
    { to: "tm2#0", frame: { t: "credit", ch: "1/0/0/0", credits: 4 } },
    { to: "tm2#1", frame: { t: "credit", ch: "1/0/1/0", credits: 4 } },
    { to: "tm2#0", frame: { t: "credit", ch: "1/1/0/0", credits: 4 } },
  ]);
  relayed.length = 0;
  const data = new ArrayBuffer(8);
  for (const ch of ["1/0/1/0", "1/1/0/0", "1/0/1/0"]) endpoint.deliver({ t: "buffer", ch, data, records: 0 });
  assert.equal(arrivals(), 3);
  assert.equal(gate.queuedBuffers, 3);
  const seen: string[] = [];
  for (let q = gate.next(); q; q = gate.next()) {
    seen.push(q.channel.id);
    gate.returnCredit(q.channel);
  }
  assert.deepEqual(seen, ["1/0/1/0", "1/1/0/0", "1/0/1/0"], "arrival order");
  assert.equal(gate.queuedBuffers, 0);
  assert.deepEqual(
    relayed.map((r) => [r.to, r.frame]),
    [
      ["tm2#1", { t: "credit", ch: "1/0/1/0", credits: 1 }],
      ["tm2#0", { t: "credit", ch: "1/1/0/0", credits: 1 }],
      ["tm2#1", { t: "credit", ch: "1/0/1/0", credits: 1 }],
    ],
  );
});

test("frames that arrive before the channel is registered are queued, not lost", () => {
  const relayed: DataFrame[] = [];
  const endpoint = new DataEndpoint("tm1#0", (_to, f) => relayed.push(f));
  endpoint.deliver({ t: "event", ch: "early", event: { kind: "watermark", timestamp: 1 } });
  const gate = new InputGate(endpoint, 1, 2, () => {});
  gate.addChannel("early", 0, "tm2#0");
  assert.equal(gate.next()?.frame.t, "event");
});

test("an input's watermark is the minimum over its channels, per input", () => {
  const { event } = setup([3, 1]);
  assert.deepEqual(event(0, 0, { kind: "watermark", timestamp: 5 }), {});
  assert.deepEqual(event(0, 1, { kind: "watermark", timestamp: 7 }), {});
  assert.deepEqual(event(0, 2, { kind: "watermark", timestamp: 3 }), { watermark: 3 });
  assert.deepEqual(event(0, 2, { kind: "watermark", timestamp: 9 }), { watermark: 5 });
  assert.deepEqual(event(0, 0, { kind: "watermark", timestamp: 4 }), {}, "a channel's watermark never goes back");
  assert.deepEqual(event(1, 0, { kind: "watermark", timestamp: 100 }), { watermark: 100 }, "input 1 is separate");
  assert.deepEqual(event(0, 0, { kind: "watermark", timestamp: 8 }), { watermark: 7 });
});

test("idle channels are skipped; all idle makes the input idle; a watermark reactivates; a channel behind does not hold the watermark back", () => {
  const { event } = setup([2]);
  event(0, 0, { kind: "watermark", timestamp: 10 });
  assert.deepEqual(event(0, 1, { kind: "stream-status", idle: true }), { watermark: 10 });
  assert.deepEqual(event(0, 0, { kind: "watermark", timestamp: 20 }), { watermark: 20 });
  assert.deepEqual(event(0, 0, { kind: "stream-status", idle: true }), { idle: true });
  assert.deepEqual(event(0, 1, { kind: "watermark", timestamp: 30 }), { idle: false, watermark: 30 });
  assert.deepEqual(event(0, 0, { kind: "stream-status", idle: false }), {}, "channel 0 at 20 is behind: the watermark does not go back");
  assert.deepEqual(event(0, 0, { kind: "watermark", timestamp: 40 }), {}, "channel 1 (30) now holds it");
  assert.deepEqual(event(0, 1, { kind: "watermark", timestamp: 50 }), { watermark: 40 });
});

test("ended channels release the watermark; all ended gives +Infinity", () => {
  const { gate, event } = setup([3]);
  event(0, 0, { kind: "watermark", timestamp: 1 });
  event(0, 1, { kind: "watermark", timestamp: 5 });
  event(0, 2, { kind: "watermark", timestamp: 9 });
  assert.equal(gate.currentWatermark(), 1);
  assert.deepEqual(event(0, 0, { kind: "end-of-partition" }), { watermark: 5 });
  assert.equal(gate.inputEnded(0), false);
  assert.deepEqual(event(0, 2, { kind: "stream-status", idle: true }), {});
  assert.deepEqual(event(0, 1, { kind: "end-of-partition" }), { watermark: 9, idle: true }, "only an idle channel is left open: flush to the largest watermark");
  assert.deepEqual(event(0, 2, { kind: "end-of-partition" }), { idle: false, watermark: Number.POSITIVE_INFINITY });
  assert.ok(gate.inputEnded(0) && gate.allEnded);
});

test("end-of-data ends a channel's records and event time but not the channel: end-of-partition follows", () => {
  const { gate, event } = setup([2]);
  event(0, 0, { kind: "watermark", timestamp: 3 });
  event(0, 1, { kind: "watermark", timestamp: 7 });
  assert.deepEqual(event(0, 0, { kind: "end-of-data" }), { watermark: 7 }, "the channel no longer holds the watermark back");
  assert.equal(gate.inputDataEnded(0), false);
  assert.deepEqual(event(0, 1, { kind: "end-of-data" }), { watermark: Number.POSITIVE_INFINITY });
  assert.ok(gate.inputDataEnded(0) && gate.allDataEnded);
  assert.equal(gate.allEnded, false, "barriers may still come until end-of-partition");
  assert.deepEqual(event(0, 0, { kind: "end-of-partition" }), {}, "event time already ended");
  assert.deepEqual(event(0, 1, { kind: "end-of-partition" }), {});
  assert.ok(gate.allEnded);
});

test("random event sequences keep the valve's invariants", () => {
  const rnd = mulberry32(5);
  for (let run = 0; run < 200; run++) {
    const sizes = [randomInt(rnd, 1, 4), randomInt(rnd, 1, 3)];
    const { event } = setup(sizes);
    const model = sizes.map((n) => ({ channels: Array.from({ length: n }, () => ({ wm: -Infinity, idle: false, ended: false })), wm: -Infinity, idle: false }));
    for (let step = 0; step < 40; step++) {
      const input = randomInt(rnd, 0, 1);
      const m = model[input]!;
      const c = randomInt(rnd, 0, m.channels.length - 1);
      const ch = m.channels[c]!;
      if (ch.ended) continue;
      const r = rnd();
      const ev: DataEvent =
        r < 0.6 ? { kind: "watermark", timestamp: randomInt(rnd, 0, 100) } : r < 0.9 ? { kind: "stream-status", idle: rnd() < 0.6 } : { kind: "end-of-partition" };
      // Per channel: the highest watermark; a watermark makes a channel active.
      if (ev.kind === "watermark") {
        ch.wm = Math.max(ch.wm, ev.timestamp);
        ch.idle = false;
      } else if (ev.kind === "stream-status") ch.idle = ev.idle;
      else ch.ended = true;
      const change = event(input, c, ev);
      const at = `run ${run} step ${step}`;
      if (change.watermark !== undefined) {
        assert.ok(change.watermark > m.wm, `${at}: the watermark only advances`);
        m.wm = change.watermark;
      }
      if (change.idle !== undefined) m.idle = change.idle;
      const open = m.channels.filter((x) => !x.ended);
      const active = open.filter((x) => !x.idle);
      assert.equal(m.idle, open.length > 0 && active.length === 0, `${at}: idle exactly when every open channel is`);
      if (open.length === 0) assert.equal(m.wm, Infinity, `${at}: all ended`);
      else assert.ok(m.wm <= Math.max(...m.channels.map((x) => x.wm)), `${at}: never beyond every channel`);
      if (active.length > 0) assert.ok(m.wm >= Math.min(...active.map((x) => x.wm)), `${at}: the slowest active channel never stays ahead`);
    }
  }
});
