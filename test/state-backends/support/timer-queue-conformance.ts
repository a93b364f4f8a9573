/**
 * The conformance suite of the timer queues (src/runtime/state/timers/internal-timer-queue.ts):
 * every implementation, on every backend that offers it, is held to the same behaviour against a
 * reference computed here: firing order (timestamp, then registration), de-duplication per key,
 * namespace and timestamp, deletion, snapshot and restore (into every kind of backend, so either
 * layout restores into either queue), rescaling by key groups, and more timers than an
 * in-memory head holds.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Key } from "../../../src/api/functions.js";
import type { KeyedStateBackend } from "../../../src/runtime/state/keyed-state-backend.js";
import { PolledTimer, type InternalTimerQueue } from "../../../src/runtime/state/timers/internal-timer-queue.js";
import { keyGroupFor } from "../../../src/graph/key-groups.js";

export interface QueueKind {
  name: string;
  create(range?: { maxParallelism: number; start: number; end: number }): KeyedStateBackend;
}

/** A namespace with a class, as windows are: restored ones must come back as instances. */
export class Slot {
  constructor(readonly id: number) {}
  get ns(): number {
    return this.id;
  }
}
const revive = (n: Slot): Slot => (n instanceof Slot ? n : new Slot((n as { id: number }).id));

const QUEUE = "event";
const MAX = 128;

interface Ref {
  key: Key;
  id: number;
  ts: number;
  seq: number;
}

function queueOf(backend: KeyedStateBackend): InternalTimerQueue<Slot> {
  const q = backend.timerQueue<Slot>(QUEUE);
  q.reviveNamespaces(revive);
  return q;
}

function add(backend: KeyedStateBackend, q: InternalTimerQueue<Slot>, key: Key, id: number, ts: number): boolean {
  backend.setCurrentKey(key);
  return q.add(ts, new Slot(id), id);
}

function remove(backend: KeyedStateBackend, q: InternalTimerQueue<Slot>, key: Key, id: number, ts: number): boolean {
  backend.setCurrentKey(key);
  return q.remove(ts, id);
}

/** Polls everything with timestamp <= upTo, as "key/id@ts"; checks each namespace is a revived Slot. */
function drain(q: InternalTimerQueue<Slot>, upTo = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  const t = new PolledTimer<Slot>();
  while (q.size > 0 && q.peekTimestamp() <= upTo) {
    assert.ok(q.poll(t));
    assert.ok(t.namespace instanceof Slot, "namespace revived");
    assert.equal(t.namespace.id, t.ns);
    out.push(`${String(t.key)}/${t.ns}@${t.timestamp}`);
  }
  return out;
}

const label = (r: Ref): string => `${String(r.key)}/${r.id}@${r.ts}`;
const inOrder = (refs: Ref[]): string[] => [...refs].sort((a, b) => a.ts - b.ts || a.seq - b.seq).map(label);

/** A deterministic workload over many keys (all key groups), with duplicates and deletions; returns the live timers. */
function workload(backend: KeyedStateBackend, q: InternalTimerQueue<Slot>, n: number, seed = 7): Ref[] {
  let s = seed;
  const rnd = (m: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % m;
  };
  const live = new Map<string, Ref>();
  let seq = 0;
  for (let i = 0; i < n; i++) {
    const key: Key = rnd(3) === 0 ? rnd(300) : `k${rnd(300)}`;
    const id = rnd(3);
    const ts = rnd(500) - 100;
    const name = label({ key, id, ts, seq: 0 });
    const added = add(backend, q, key, id, ts);
    assert.equal(added, !live.has(name), `add ${name}: new timers only`);
    if (added) live.set(name, { key, id, ts, seq: seq++ });
    if (rnd(4) === 0) {
      const [victim] = [...live.values()].slice(rnd(live.size), rnd(live.size) + 1);
      if (victim) {
        assert.ok(remove(backend, q, victim.key, victim.id, victim.ts));
        live.delete(label(victim));
      }
    }
  }
  assert.equal(q.size, live.size);
  return [...live.values()];
}

export function timerQueueConformance(kind: QueueKind, restoreTargets: readonly QueueKind[]): void {
  test(`${kind.name}: timers fire in timestamp order, equal timestamps in registration order`, () => {
    const backend = kind.create();
    const q = queueOf(backend);
    assert.equal(q.peekTimestamp(), Number.POSITIVE_INFINITY);
    const live = workload(backend, q, 4000);
    const expected = inOrder(live);
    assert.equal(q.peekTimestamp(), Math.min(...live.map((r) => r.ts)));
    const first = drain(q, 150);
    assert.deepEqual(first, expected.slice(0, first.length));
    assert.ok(first.length > 0 && first.length < expected.length);
    assert.deepEqual([...first, ...drain(q)], expected);
    assert.equal(q.size, 0);
    assert.equal(q.peekTimestamp(), Number.POSITIVE_INFINITY);
    assert.equal(q.poll(new PolledTimer<Slot>()), false);
  });

  test(`${kind.name}: window-like timers (many keys, few shared timestamps), some deleted: registration order per timestamp`, () => {
    const backend = kind.create();
    const q = queueOf(backend);
    const live: Ref[] = [];
    let seq = 0;
    // 12 window ends, interleaved so that runs of one timestamp are interrupted by others.
    for (let i = 0; i < 3000; i++) {
      const key = `key-${i % 700}`;
      const ts = 1000 * ((i * 7) % 12);
      if (add(backend, q, key, 0, ts)) live.push({ key, id: 0, ts, seq: seq++ });
    }
    // Delete every fifth: firsts, middles and lasts of the runs alike.
    const kept = live.filter((r, i) => {
      if (i % 5 !== 0) return true;
      assert.ok(remove(backend, q, r.key, 0, r.ts));
      return false;
    });
    assert.equal(q.size, kept.length);
    assert.deepEqual(drain(q), inOrder(kept));
  });

  test(`${kind.name}: one timer per key, namespace and timestamp`, () => {
    const backend = kind.create();
    const q = queueOf(backend);
    assert.equal(add(backend, q, "a", 1, 10), true);
    assert.equal(add(backend, q, "a", 1, 10), false, "the same timer again");
    assert.equal(add(backend, q, "a", 2, 10), true, "another namespace");
    assert.equal(add(backend, q, "b", 1, 10), true, "another key");
    assert.equal(add(backend, q, "a", 1, 11), true, "another timestamp");
    assert.equal(add(backend, q, 7, 1, 10), true, "a number key is not its string");
    assert.equal(add(backend, q, "7", 1, 10), true);
    assert.equal(q.size, 6);
    assert.deepEqual(drain(q), ["a/1@10", "a/2@10", "b/1@10", "7/1@10", "7/1@10", "a/1@11"]);
  });

  test(`${kind.name}: deleted timers do not fire; deleting twice or an unknown timer is a no-op`, () => {
    const backend = kind.create();
    const q = queueOf(backend);
    add(backend, q, "a", 0, 5);
    add(backend, q, "a", 0, 6);
    add(backend, q, "b", 0, 5);
    assert.equal(remove(backend, q, "a", 0, 5), true);
    assert.equal(remove(backend, q, "a", 0, 5), false);
    assert.equal(remove(backend, q, "a", 1, 6), false, "other namespace");
    assert.equal(remove(backend, q, "c", 0, 6), false, "other key");
    assert.equal(q.peekTimestamp(), 5);
    assert.equal(remove(backend, q, "b", 0, 5), true);
    assert.equal(q.peekTimestamp(), 6, "the head moves on when the earliest is deleted");
    add(backend, q, "a", 0, 5);
    assert.deepEqual(drain(q), ["a/0@5", "a/0@6"], "registered again after deletion: fires once");
  });

  test(`${kind.name}: timers added while firing, earlier than the rest, come first`, () => {
    const backend = kind.create();
    const q = queueOf(backend);
    for (let i = 0; i < 600; i++) add(backend, q, `k${i % 50}`, 0, 1000 + i);
    const got = drain(q, 1100);
    for (let i = 0; i < 300; i++) add(backend, q, `k${i % 50}`, 1, 1101 + (i % 7));
    const rest = drain(q);
    const ts = [...got, ...rest].map((s) => Number(s.slice(s.indexOf("@") + 1)));
    assert.ok(ts.every((t, i) => i === 0 || ts[i - 1]! <= t), "never out of order");
    assert.equal(got.length, 101, "timestamps 1000 to 1100");
    assert.equal(got.length + rest.length, 900, "every timer once");
  });

  for (const target of restoreTargets) {
    test(`${kind.name}: snapshot restored into ${target.name}: the same timers, in the same order`, async () => {
      const backend = kind.create();
      const q = queueOf(backend);
      const live = workload(backend, q, 3000, 11);
      const snapshot = backend.snapshot();
      // Changes after the synchronous part are not in the snapshot: additions, firings, deletions.
      add(backend, q, "late", 0, -1000);
      drain(q, 0);
      for (const r of live.slice(0, 50)) remove(backend, q, r.key, r.id, r.ts);
      for (let i = 0; i < 100; i++) add(backend, q, `later-${i}`, 1, i);
      const groups = await snapshot.materialize();
      const restored = target.create();
      restored.restore(groups);
      const rq = queueOf(restored);
      assert.equal(rq.size, live.length);
      assert.deepEqual(drain(rq), inOrder(live));
      // Registration numbers carried over: a new timer at an existing timestamp comes after the restored ones.
      const again = target.create();
      again.restore(groups);
      const aq = queueOf(again);
      const ts = live[0]!.ts;
      add(again, aq, "new", 9, ts);
      const fired = drain(aq, ts);
      assert.equal(fired[fired.length - 1], `new/9@${ts}`);
    });

    test(`${kind.name}: rescale: key groups restored into two ${target.name} backends of half the range each`, async () => {
      const backend = kind.create();
      const live = workload(backend, queueOf(backend), 3000, 23);
      const groups = await backend.snapshot().materialize();
      const halves = [
        { maxParallelism: MAX, start: 0, end: 63 },
        { maxParallelism: MAX, start: 64, end: 127 },
      ];
      for (const range of halves) {
        const part = target.create(range);
        part.restore(groups);
        const mine = live.filter((r) => {
          const g = keyGroupFor(r.key, MAX);
          return g >= range.start && g <= range.end;
        });
        assert.ok(mine.length > 0 && mine.length < live.length);
        assert.deepEqual(drain(queueOf(part)), inOrder(mine));
      }
    });
  }
}
