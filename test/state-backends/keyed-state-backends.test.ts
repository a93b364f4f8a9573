/**
 * One suite of keyed state tests, run against every backend (heap and LMDB with a tiny cache):
 * the five state kinds with and without TTL through the registry, namespaced (window) state,
 * timers, and per key group snapshots restored into differently ranged backends of either kind.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Key } from "../../src/api/functions.js";
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from "../../src/api/state/state-descriptors.js";
import { StateTtlConfig } from "../../src/api/state/state-ttl-config.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "../../src/api/state/state.js";
import { keyGroupFor } from "../../src/graph/key-groups.js";
import type { MergeableState } from "../../src/runtime/state/heap-states.js";
import type { KeyedStateBackend } from "../../src/runtime/state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../../src/runtime/state/keyed-state-registry.js";
import type { NamespaceScope } from "../../src/runtime/state/state-cell.js";
import { TimerService } from "../../src/runtime/state/timers/timer-service.js";
import { BACKENDS, disposeBackends } from "./support/backends.js";

after(disposeBackends);

/** The user state of one key, as a test reads it back. */
interface Kinds {
  value: ValueState<{ n: number; tags: string[] }>;
  list: ListState<number>;
  map: MapState<string | number, bigint>;
  reducing: ReducingState<number>;
  aggregating: AggregatingState<number, number>;
}

function kinds(registry: KeyedStateRegistry): Kinds {
  return {
    value: registry.getState(new ValueStateDescriptor<{ n: number; tags: string[] }>("value")),
    list: registry.getListState(new ListStateDescriptor<number>("list")),
    map: registry.getMapState(new MapStateDescriptor<string | number, bigint>("map")),
    reducing: registry.getReducingState(new ReducingStateDescriptor<number>("max", (a, b) => Math.max(a, b))),
    aggregating: registry.getAggregatingState(
      new AggregatingStateDescriptor<number, { sum: number; count: number }, number>("avg", {
        createAccumulator: () => ({ sum: 0, count: 0 }),
        // Modifies the accumulator in place, as user functions do.
        add: (v, acc) => {
          acc.sum += v;
          acc.count++;
          return acc;
        },
        getResult: (acc) => acc.sum / acc.count,
      }),
    ),
  };
}

/** Keys of every kind a key selector may return: numbers, strings, booleans, bigints, arrays. */
const KEYS: Key[] = [...Array.from({ length: 150 }, (_, i) => i), ...Array.from({ length: 150 }, (_, i) => `k${i}`), true, false, 7n, -0.5, [1, "a"], ["x", [2n]]];

function fill(backend: KeyedStateBackend, s: Kinds, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    KEYS.forEach((key, i) => {
      backend.setCurrentKey(key);
      const v = s.value.value();
      s.value.update({ n: (v?.n ?? 0) + i, tags: [...(v?.tags ?? []), `r${r}`] });
      s.list.add(r * 1000 + i);
      s.map.put(r % 2 === 0 ? "even" : r, BigInt(i) * 10n ** 20n);
      s.reducing.add((i * 7 + r * 13) % 101);
      s.aggregating.add(r);
    });
  }
}

/** Checks what fill() left, for the keys `owns` accepts (a rescaled backend has only some). */
function expectFilled(backend: KeyedStateBackend, s: Kinds, rounds: number, owns: (key: Key) => boolean = () => true): void {
  KEYS.forEach((key, i) => {
    if (!owns(key)) return;
    backend.setCurrentKey(key);
    const label = `key ${String(key)}`;
    assert.deepEqual(s.value.value(), { n: i * rounds, tags: Array.from({ length: rounds }, (_, r) => `r${r}`) }, label);
    assert.deepEqual([...s.list.get()], Array.from({ length: rounds }, (_, r) => r * 1000 + i), label);
    const expectedMap = new Map<string | number, bigint>();
    for (let r = 0; r < rounds; r++) expectedMap.set(r % 2 === 0 ? "even" : r, BigInt(i) * 10n ** 20n);
    assert.deepEqual(new Map(s.map.entries()), expectedMap, label);
    assert.equal(s.reducing.get(), Math.max(...Array.from({ length: rounds }, (_, r) => (i * 7 + r * 13) % 101)), label);
    assert.equal(s.aggregating.get(), (rounds - 1) / 2, label);
  });
}

function entryCount(backend: KeyedStateBackend, table: string): number {
  return backend.table(table).groups.reduce((n, g) => n + g.size, 0);
}

for (const kind of BACKENDS) {
  describe(`${kind.type} backend`, () => {
    test("value, list, map, reducing and aggregating state per key, for keys of every type", () => {
      const backend = kind.create();
      const s = kinds(new KeyedStateRegistry(backend, () => 0));
      fill(backend, s, 3);
      expectFilled(backend, s, 3);
      assert.equal(entryCount(backend, "user:list"), KEYS.length);
    });

    test("clear, remove, update and defaults", () => {
      const backend = kind.create();
      const registry = new KeyedStateRegistry(backend, () => 0);
      const withDefault = registry.getState(new ValueStateDescriptor<number>("d", 42));
      const s = kinds(registry);
      fill(backend, s, 2);
      for (const key of KEYS.slice(0, 100)) {
        backend.setCurrentKey(key);
        s.value.clear();
        s.list.update([9, 8]);
        s.map.remove("even");
        s.reducing.clear();
        assert.equal(withDefault.value(), 42);
        withDefault.update(1);
        withDefault.update(undefined);
      }
      for (const key of KEYS.slice(0, 100)) {
        backend.setCurrentKey(key);
        assert.equal(s.value.value(), undefined);
        assert.deepEqual([...s.list.get()], [9, 8]);
        assert.deepEqual([...s.map.keys()], [1]);
        assert.equal(s.map.contains("even"), false);
        assert.equal(s.reducing.get(), undefined);
        assert.equal(withDefault.value(), 42);
        s.map.remove(1);
        assert.equal(s.map.isEmpty(), true);
      }
      assert.equal(entryCount(backend, "user:value"), KEYS.length - 100);
      assert.equal(entryCount(backend, "user:map"), KEYS.length - 100);
      assert.equal(entryCount(backend, "user:d"), 0);
    });

    test("TTL: expired values, list elements and map entries are never returned; reads refresh with OnReadAndWrite", () => {
      const backend = kind.create();
      let now = 0;
      const registry = new KeyedStateRegistry(backend, () => now);
      const ttl = StateTtlConfig.newBuilder(100).build();
      const v = registry.getState(new ValueStateDescriptor<number>("v").enableTimeToLive(ttl));
      const l = registry.getListState(new ListStateDescriptor<number>("l").enableTimeToLive(ttl));
      const m = registry.getMapState(new MapStateDescriptor<string, number>("m").enableTimeToLive(ttl));
      const r = registry.getState(new ValueStateDescriptor<number>("r").enableTimeToLive(StateTtlConfig.newBuilder(100).updateTtlOnReadAndWrite().build()));
      for (let i = 0; i < 50; i++) {
        backend.setCurrentKey(i);
        v.update(i);
        l.add(i);
        m.put("a", i);
        r.update(i);
      }
      now = 60;
      for (let i = 0; i < 50; i++) {
        backend.setCurrentKey(i);
        l.add(-i);
        m.put("b", -i);
        assert.equal(r.value(), i); // refreshes r to 60
      }
      now = 120;
      for (let i = 0; i < 50; i++) {
        backend.setCurrentKey(i);
        assert.equal(v.value(), undefined);
        assert.deepEqual([...l.get()], [-i]);
        assert.deepEqual([...m.entries()], [["b", -i]]);
        assert.equal(r.value(), i);
      }
      now = 1000;
      for (let i = 0; i < 50; i++) {
        backend.setCurrentKey(i);
        assert.deepEqual([...l.get()], []);
        assert.equal(m.isEmpty(), true);
      }
    });

    test("TTL incremental cleanup frees expired entries of keys that are never read again", () => {
      const backend = kind.create();
      let now = 0;
      const registry = new KeyedStateRegistry(backend, () => now);
      const ttl = StateTtlConfig.newBuilder(10).cleanupIncrementally(10).build();
      const v = registry.getState(new ValueStateDescriptor<number>("v").enableTimeToLive(ttl));
      const m = registry.getMapState(new MapStateDescriptor<string, number>("m").enableTimeToLive(ttl));
      for (let i = 0; i < 40; i++) {
        backend.setCurrentKey(`old-${i}`);
        v.update(i);
        m.put("x", i);
      }
      now = 50;
      for (let i = 0; i < 200; i++) {
        backend.setCurrentKey("fresh");
        v.update(i);
        assert.equal(v.value(), i);
        m.put("x", i);
        assert.equal(m.get("x"), i);
      }
      assert.equal(entryCount(backend, "user:v"), 1, "only the fresh key's value is left");
      assert.equal(entryCount(backend, "user:m"), 1, "only the fresh key's map is left");
    });

    test("namespaced state: per namespace values, merging namespaces, and no empty per-key entries left", () => {
      const backend = kind.create();
      const scope: NamespaceScope = { namespace: 0 };
      const registry = new KeyedStateRegistry(backend, () => 0, scope, "_ns:");
      const list = registry.getListState(new ListStateDescriptor<string>("contents"));
      const sum = registry.getReducingState(new ReducingStateDescriptor<number>("sum", (a, b) => a + b));
      const avg = registry.getAggregatingState(
        new AggregatingStateDescriptor<number, [number, number], number>("avg", {
          createAccumulator: () => [0, 0],
          add: (v, [s, c]) => [s + v, c + 1],
          getResult: ([s, c]) => s / c,
          merge: ([s1, c1], [s2, c2]) => [s1 + s2, c1 + c2],
        }),
      );
      for (let key = 0; key < 60; key++) {
        for (const ns of [10, 20, 30, "w"]) {
          backend.setCurrentKey(key);
          scope.namespace = ns;
          list.add(`${key}@${ns}`);
          sum.add(typeof ns === "number" ? ns : 1);
          avg.add(typeof ns === "number" ? ns : 0);
        }
      }
      for (let key = 0; key < 60; key++) {
        backend.setCurrentKey(key);
        scope.namespace = 20;
        assert.deepEqual([...list.get()], [`${key}@20`]);
        for (const s of [list, sum, avg] as unknown as MergeableState[]) s.mergeNamespaces(10, [20, 30]);
        scope.namespace = 10;
        assert.deepEqual([...list.get()].sort(), [`${key}@10`, `${key}@20`, `${key}@30`]);
        assert.equal(sum.get(), 60);
        assert.equal(avg.get(), 20);
        scope.namespace = 30;
        assert.deepEqual([...list.get()], []);
        scope.namespace = "w";
        assert.deepEqual([...list.get()], [`${key}@w`]);
      }
      for (let key = 0; key < 60; key++) {
        backend.setCurrentKey(key);
        for (const ns of [10, "w"]) {
          scope.namespace = ns;
          list.clear();
          sum.clear();
          avg.clear();
        }
      }
      for (const t of ["_ns:contents", "_ns:sum", "_ns:avg"]) assert.equal(entryCount(backend, t), 0, t);
    });

    test("timers fire once each, in order, and deleted timers do not fire", () => {
      const backend = kind.create();
      const fired: string[] = [];
      const timers = new TimerService<string>(backend, "event", (t) => fired.push(`${String(backend.getCurrentKey())}:${t.namespace}@${t.timestamp}`), (n) => n);
      const expected: Array<[number, number, string]> = [];
      let seq = 0;
      for (let key = 0; key < 80; key++) {
        backend.setCurrentKey(key);
        for (const ts of [key % 7, 10 + (key % 5), 100]) {
          for (const ns of ["a", "b"]) {
            timers.register(ns, ts);
            timers.register(ns, ts); // a duplicate: one timer
            if ((key + ts) % 3 === 0 && ns === "b") timers.delete(ns, ts);
            else expected.push([ts, seq, `${key}:${ns}@${ts}`]);
            seq++;
          }
        }
      }
      assert.equal(timers.size, expected.length);
      timers.advance(50);
      timers.advance(1000);
      // Timestamp order; equal timestamps in the queue's own order (registration on the heap, key order in LMDB), as in Flink.
      const at = (s: string): number => Number(s.slice(s.indexOf("@") + 1));
      assert.ok(fired.every((f, i) => i === 0 || at(fired[i - 1]!) <= at(f)), "fired in timestamp order");
      expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      assert.deepEqual([...fired].sort(), expected.map((e) => e[2]).sort());
      assert.equal(timers.size, 0);
    });

    for (const target of BACKENDS) {
      test(`snapshot per key group, restored into two ${target.type} backends of half the range each (rescale)`, async () => {
        const source = kind.create();
        const s = kinds(new KeyedStateRegistry(source, () => 0));
        const scope: NamespaceScope = { namespace: "w1" };
        const windowList = new KeyedStateRegistry(source, () => 0, scope, "_window:").getListState(new ListStateDescriptor<number>("els"));
        fill(source, s, 2);
        KEYS.forEach((key, i) => {
          source.setCurrentKey(key);
          windowList.add(i);
        });
        const snapshot = source.snapshot();
        const groups = await snapshot.materialize();
        assert.ok(groups.length > 60, "one entry per non-empty key group");
        assert.deepEqual(
          groups.map(([g]) => g),
          [...new Set(KEYS.map((k) => keyGroupFor(k, 128)))].sort((a, b) => a - b),
        );
        const halves = [target.create({ maxParallelism: 128, start: 0, end: 63 }), target.create({ maxParallelism: 128, start: 64, end: 127 })];
        for (const h of halves) h.restore(groups);
        const owner = (key: Key): KeyedStateBackend => halves[keyGroupFor(key, 128) < 64 ? 0 : 1]!;
        for (const h of halves) {
          const hs = kinds(new KeyedStateRegistry(h, () => 0));
          const hScope: NamespaceScope = { namespace: "w1" };
          const hList = new KeyedStateRegistry(h, () => 0, hScope, "_window:").getListState(new ListStateDescriptor<number>("els"));
          KEYS.forEach((key, i) => {
            if (owner(key) !== h) return;
            h.setCurrentKey(key);
            assert.deepEqual([...hList.get()], [i]);
          });
          // Only its own keys: the other half's key groups were skipped.
          const own = KEYS.filter((k) => owner(k) === h).length;
          assert.equal(entryCount(h, "user:value"), own);
          expectFilled(h, hs, 2, (key) => owner(key) === h);
        }
      });
    }

    test("a snapshot shows the state as of its synchronous part, whatever happens before it is materialized", async () => {
      const backend = kind.create();
      const registry = new KeyedStateRegistry(backend, () => 0);
      const v = registry.getState(new ValueStateDescriptor<number>("v"));
      const l = registry.getListState(new ListStateDescriptor<number>("l"));
      for (let i = 0; i < 100; i++) {
        backend.setCurrentKey(i);
        v.update(i);
        l.add(i);
      }
      const snapshot = backend.snapshot();
      for (let i = 0; i < 100; i++) {
        backend.setCurrentKey(i);
        v.update(-1);
        l.add(-1); // in place on the heap, a write-back on lmdb
      }
      for (let i = 100; i < 150; i++) {
        backend.setCurrentKey(i);
        v.update(i);
      }
      const restored = kind.create();
      restored.restore(await snapshot.materialize());
      const rr = new KeyedStateRegistry(restored, () => 0);
      const rv = rr.getState(new ValueStateDescriptor<number>("v"));
      const rl = rr.getListState(new ListStateDescriptor<number>("l"));
      for (let i = 0; i < 150; i++) {
        restored.setCurrentKey(i);
        assert.equal(rv.value(), i < 100 ? i : undefined);
        assert.deepEqual([...rl.get()], i < 100 ? [i] : []);
      }
    });
  });
}
