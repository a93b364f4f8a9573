/**
 * The heap backend's copy-on-write state map on its own: a pinned version reads out exactly as it
 * was at the pin, whatever the live side does meanwhile (sets, deletes, in-place modification of
 * values it reads, growth to many times its size, iteration), with one and with two pins, and the
 * pin's claim ends when it is read or released. Each randomized case is checked against a
 * reference copy taken at the pin.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CopyOnWriteStateMap } from "../../src/runtime/state/heap/copy-on-write-state-map.js";
import { StateVersions } from "../../src/runtime/state/heap/state-pin.js";
import { copyStateValue } from "../../src/runtime/state/heap/state-value-copy.js";
import type { StateKey } from "../../src/runtime/state/state-key.js";
import { mulberry32 } from "../unit/support/random.js";


type Value = number | { n: number; list: number[] };

/** What the map holds, deep-copied, by key. */
function contents(entries: Iterable<[StateKey, Value]>): Map<StateKey, Value> {
  const out = new Map<StateKey, Value>();
  for (const [k, v] of entries) {
    assert.ok(!out.has(k), `key ${String(k)} read twice`);
    out.set(k, copyStateValue(v));
  }
  return out;
}

/** One random change of the live side, mirrored into `expected` (the live reference). */
function mutate(map: CopyOnWriteStateMap<Value>, expected: Map<StateKey, Value>, rnd: () => number, keySpace: number, step: number): void {
  const key = Math.floor(rnd() * keySpace);
  const op = rnd();
  if (op < 0.3) {
    const v = rnd() < 0.5 ? step : { n: step, list: [step] };
    map.set(key, v);
    expected.set(key, copyStateValue(v));
  } else if (op < 0.45) {
    assert.equal(map.delete(key), expected.delete(key));
  } else {
    // Read and modify in place, as list and window state do.
    const v = map.get(key);
    assert.deepEqual(v, expected.get(key));
    if (v !== undefined && typeof v === "object") {
      v.n++;
      v.list.push(step);
      expected.set(key, copyStateValue(v));
    }
  }
}

function filled(versions: StateVersions, keys: number, rnd: () => number): { map: CopyOnWriteStateMap<Value>; live: Map<StateKey, Value> } {
  const map = new CopyOnWriteStateMap<Value>(versions);
  const live = new Map<StateKey, Value>();
  for (let k = 0; k < keys; k++) {
    const v: Value = rnd() < 0.5 ? k : { n: k, list: [k] };
    map.set(k, v);
    live.set(k, copyStateValue(v));
  }
  return { map, live };
}

describe("copy-on-write state map", () => {
  test("a pinned version reads out as it was, whatever is written while it is read", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = mulberry32(seed);
      const versions = new StateVersions();
      const { map, live } = filled(versions, 200, rnd);
      const pinned = contents(live);
      const pin = versions.pin();
      map.pin(pin);
      // Some writes before reading starts, then writes between every step of the read.
      for (let i = 0; i < 100; i++) mutate(map, live, rnd, 300, 1000 + i);
      const read: Array<[StateKey, Value]> = [];
      let step = 2000;
      for (const entry of map.pinnedEntries(pin)) {
        read.push([entry[0], copyStateValue(entry[1])]);
        for (let i = 0; i < 3; i++) mutate(map, live, rnd, 300, step++);
      }
      assert.deepEqual(contents(read), pinned, `seed ${seed}`);
      assert.deepEqual(contents(map.entries()), live, `seed ${seed}: the live side`);
      assert.equal(map.pinCount, 0);
    }
  });

  test("two pins at once each read their own version", () => {
    for (let seed = 100; seed < 120; seed++) {
      const rnd = mulberry32(seed);
      const versions = new StateVersions();
      const { map, live } = filled(versions, 150, rnd);
      const first = versions.pin();
      map.pin(first);
      const atFirst = contents(live);
      for (let i = 0; i < 80; i++) mutate(map, live, rnd, 200, 1000 + i);
      const second = versions.pin();
      map.pin(second);
      const atSecond = contents(live);
      // The first is read while writes go on; the second waits (the backend reads pins in order).
      let step = 2000;
      const readFirst: Array<[StateKey, Value]> = [];
      for (const [k, v] of map.pinnedEntries(first)) {
        readFirst.push([k, copyStateValue(v)]);
        mutate(map, live, rnd, 200, step++);
      }
      const readSecond: Array<[StateKey, Value]> = [];
      for (const [k, v] of map.pinnedEntries(second)) {
        readSecond.push([k, copyStateValue(v)]);
        mutate(map, live, rnd, 200, step++);
      }
      assert.deepEqual(contents(readFirst), atFirst, `seed ${seed}: first pin`);
      assert.deepEqual(contents(readSecond), atSecond, `seed ${seed}: second pin`);
      assert.deepEqual(contents(map.entries()), live);
    }
  });

  test("removal: an entry deleted after the pin is still in it, one deleted after it was read is not read twice", () => {
    const versions = new StateVersions();
    const map = new CopyOnWriteStateMap<string>(versions);
    for (const k of ["a", "b", "c"]) map.set(k, k.toUpperCase());
    const pin = versions.pin();
    map.pin(pin);
    map.delete("c");
    const it = map.pinnedEntries(pin);
    const firstRead = it.next().value!;
    assert.deepEqual(firstRead, ["a", "A"]);
    map.delete("a");
    map.set("a", "again");
    map.delete("b");
    const rest = [...it];
    assert.deepEqual(new Map([firstRead, ...rest]), new Map([["a", "A"], ["b", "B"], ["c", "C"]]));
    assert.equal(rest.length, 2);
    assert.deepEqual([...map.entries()], [["a", "again"]]);
  });

  test("a value read for modification is a copy that keeps its class, the pin keeps the original", () => {
    class Window {
      constructor(
        readonly start: number,
        readonly end: number,
      ) {}
      size(): number {
        return this.end - this.start;
      }
    }
    const versions = new StateVersions();
    const map = new CopyOnWriteStateMap<{ windows: Map<number, Window[]> }>(versions);
    const original = { windows: new Map([[0, [new Window(0, 10)]]]) };
    map.set("k", original);
    assert.equal(map.get("k"), original, "without a pin the stored object itself");
    const pin = versions.pin();
    map.pin(pin);
    const live = map.get("k")!;
    assert.notEqual(live, original);
    assert.equal(map.get("k"), live, "copied once per pin");
    assert.ok(live.windows.get(0)![0] instanceof Window);
    assert.equal(live.windows.get(0)![0]!.size(), 10);
    live.windows.get(0)!.push(new Window(10, 20));
    assert.deepEqual([...map.pinnedEntries(pin)], [["k", original]]);
    assert.equal(original.windows.get(0)!.length, 1);
    assert.equal(map.get("k")!.windows.get(0)!.length, 2);
  });

  test("growth to many times the pinned size while it is read leaves the pinned version alone", () => {
    const versions = new StateVersions();
    const map = new CopyOnWriteStateMap<number>(versions);
    for (let k = 0; k < 100; k++) map.set(k, k);
    const pin = versions.pin();
    map.pin(pin);
    let next = 100;
    const read = new Map<StateKey, number>();
    for (const [k, v] of map.pinnedEntries(pin)) {
      read.set(k, v);
      // The native Map rehashes several times over.
      for (let i = 0; i < 1000; i++, next++) map.set(next, next);
      map.set(k, -1);
    }
    assert.deepEqual(read, new Map(Array.from({ length: 100 }, (_, k) => [k, k])));
    assert.equal(map.size, 100 + 100 * 1000);
    assert.equal(map.get(5), -1);
  });

  test("iterating the live side while a pin is held gives the live values and does not disturb the pin", () => {
    const versions = new StateVersions();
    const map = new CopyOnWriteStateMap<number[]>(versions);
    for (let k = 0; k < 50; k++) map.set(k, [k]);
    const pin = versions.pin();
    map.pin(pin);
    for (const [k, v] of map.entries()) {
      v.push(-1);
      if (Number(k) % 2 === 0) map.delete(k);
    }
    assert.deepEqual(
      [...map.values()],
      Array.from({ length: 25 }, (_, i) => [2 * i + 1, -1]),
    );
    assert.deepEqual(new Map(map.pinnedEntries(pin)), new Map(Array.from({ length: 50 }, (_, k) => [k, [k]])));
  });

  test("a pin's claim ends when it is read, or released mid-read: writes change entries in place again", () => {
    const versions = new StateVersions();
    const map = new CopyOnWriteStateMap<{ n: number }>(versions);
    map.set(1, { n: 1 });
    map.set(2, { n: 2 });
    const pin = versions.pin();
    map.pin(pin);
    const it = map.pinnedEntries(pin);
    it.next();
    it.return();
    assert.equal(map.pinCount, 0);
    const a = map.get(2)!;
    assert.equal(map.get(2), a, "no copy without a pin");
    assert.throws(() => map.pinnedEntries(pin).next(), /no pin on this state map/);
  });
});
