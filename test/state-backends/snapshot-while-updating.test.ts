/**
 * A checkpoint's snapshot is taken while the task keeps updating its state: the synchronous part
 * only fixes the version (heap: copy-on-write pin; LMDB: a read transaction and the cache's dirty
 * entries), the asynchronous part reads it out in slices while updates go on between the slices.
 * Restored, the snapshot holds exactly the state as it was at the synchronous part (a reference
 * copy taken then), every state kind and the timers included; the live state holds every update
 * made meanwhile (a model of the updates). Runs against both backends, restoring into both.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from "../../src/api/state/state-descriptors.js";
import type { KeyedStateBackend } from "../../src/runtime/state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../../src/runtime/state/keyed-state-registry.js";
import { TimerService } from "../../src/runtime/state/timers/timer-service.js";
import { BACKENDS, disposeBackends } from "./support/backends.js";
import { mulberry32 } from "../unit/support/random.js";

after(disposeBackends);

/** What one key holds, as the test models it. */
interface KeyModel {
  value?: { n: number; tags: string[] };
  list: number[];
  map: Map<string, number>;
  max?: number;
  avg?: { sum: number; count: number };
  /** Written once per key: makes the state large enough that reading it takes many slices. */
  blob?: string;
  timers: Set<number>;
}

type Model = Map<number, KeyModel>;

function cloneModel(m: Model): Model {
  return new Map([...m].map(([k, v]) => [k, structuredClone(v)]));
}

function states(backend: KeyedStateBackend) {
  const registry = new KeyedStateRegistry(backend, () => 0);
  return {
    value: registry.getState(new ValueStateDescriptor<{ n: number; tags: string[] }>("value")),
    list: registry.getListState(new ListStateDescriptor<number>("list")),
    map: registry.getMapState(new MapStateDescriptor<string, number>("map")),
    max: registry.getReducingState(new ReducingStateDescriptor<number>("max", (a, b) => Math.max(a, b))),
    avg: registry.getAggregatingState(
      new AggregatingStateDescriptor<number, { sum: number; count: number }, { sum: number; count: number }>("avg", {
        createAccumulator: () => ({ sum: 0, count: 0 }),
        // In place, as user functions do: the snapshot must not see this.
        add: (v, acc) => {
          acc.sum += v;
          acc.count++;
          return acc;
        },
        getResult: (acc) => ({ ...acc }),
      }),
    ),
    blob: registry.getState(new ValueStateDescriptor<string>("blob")),
    timers: new TimerService<string>(backend, "event", () => {}, (n) => n),
  };
}

type States = ReturnType<typeof states>;


/** One random update of key `key`, to the backend and the model alike. */
function update(backend: KeyedStateBackend, s: States, model: Model, key: number, rnd: () => number, step: number): void {
  backend.setCurrentKey(key);
  let m = model.get(key);
  if (!m) model.set(key, (m = { list: [], map: new Map(), timers: new Set() }));
  const op = Math.floor(rnd() * 9);
  switch (op) {
    case 0: {
      // Modified in place, then written back: the object read is the live copy.
      const v = s.value.value() ?? { n: 0, tags: [] };
      v.n++;
      v.tags.push(`t${step}`);
      s.value.update(v);
      m.value = structuredClone(v);
      break;
    }
    case 1:
      s.list.add(step);
      m.list.push(step);
      break;
    case 2:
      s.map.put(`e${step % 7}`, step);
      m.map.set(`e${step % 7}`, step);
      break;
    case 3:
      s.map.remove(`e${step % 7}`);
      m.map.delete(`e${step % 7}`);
      break;
    case 4:
      s.max.add(step % 1000);
      m.max = Math.max(m.max ?? -Infinity, step % 1000);
      break;
    case 5:
      s.avg.add(step % 10);
      m.avg = m.avg ? { sum: m.avg.sum + (step % 10), count: m.avg.count + 1 } : { sum: step % 10, count: 1 };
      break;
    case 6:
      s.timers.register("w", 1000 + (step % 50));
      m.timers.add(1000 + (step % 50));
      break;
    case 7: {
      const [ts] = m.timers;
      if (ts !== undefined) {
        s.timers.delete("w", ts);
        m.timers.delete(ts);
      }
      break;
    }
    default:
      // The whole key goes.
      s.value.clear();
      s.list.clear();
      s.map.clear();
      s.max.clear();
      s.avg.clear();
      s.blob.clear();
      for (const ts of m.timers) s.timers.delete("w", ts);
      model.set(key, { list: [], map: new Map(), timers: new Set() });
  }
}

/** The backend's state of every key of `keys`, read through the states. */
function read(backend: KeyedStateBackend, s: States, keys: Iterable<number>): Model {
  const out: Model = new Map();
  const timers = new Map<number, Set<number>>();
  for (const t of s.timers.timers()) {
    const k = t.key as number;
    if (!timers.has(k)) timers.set(k, new Set());
    timers.get(k)!.add(t.timestamp);
  }
  for (const key of keys) {
    backend.setCurrentKey(key);
    const v = s.value.value();
    const max = s.max.get();
    const avg = s.avg.get();
    const blob = s.blob.value();
    out.set(key, {
      ...(v === undefined ? {} : { value: v }),
      list: [...s.list.get()],
      map: new Map(s.map.entries()),
      ...(max === undefined ? {} : { max }),
      ...(avg === undefined ? {} : { avg }),
      ...(blob === undefined ? {} : { blob }),
      timers: timers.get(key) ?? new Set(),
    });
  }
  return out;
}

function normalized(m: Model): Model {
  return new Map([...m].map(([k, v]) => [k, { ...v, map: new Map([...v.map].sort()), timers: new Set([...v.timers].sort()) }]));
}

const KEYS = 3000;
const NEW_KEYS = 500;

for (const kind of BACKENDS) {
  describe(`${kind.type}: a snapshot taken while the task keeps updating`, () => {
    for (const target of BACKENDS) {
      test(`restores exactly the state at its synchronous part (into ${target.type}), and the live state keeps every update`, async () => {
        const backend = kind.create(undefined, 256);
        const s = states(backend);
        const rnd = mulberry32(kind.type === "lmdb" ? 17 : 42);
        const model: Model = new Map();
        let step = 0;
        for (let key = 0; key < KEYS; key++) {
          for (let i = 0; i < 4; i++) update(backend, s, model, key, rnd, step++);
          const blob = `${key}:`.padEnd(4096, String.fromCharCode(97 + (key % 26)));
          backend.setCurrentKey(key);
          s.blob.update(blob);
          model.get(key)!.blob = blob;
        }
        const expected = cloneModel(model);

        const snapshot = backend.snapshot();
        // The task goes on before the asynchronous part starts (on LMDB: changing entries the
        // synchronous part only noted), then in batches between the snapshot's slices.
        for (let i = 0; i < 2000; i++) update(backend, s, model, Math.floor(rnd() * (KEYS + NEW_KEYS)), rnd, step++);
        let read_ = false;
        let updatesWhileReading = 0;
        const updater = new Promise<void>((resolve) => {
          const tick = (): void => {
            if (read_) return resolve();
            for (let i = 0; i < 200; i++, updatesWhileReading++) update(backend, s, model, Math.floor(rnd() * (KEYS + NEW_KEYS)), rnd, step++);
            setImmediate(tick);
          };
          setImmediate(tick);
        });
        const groups = await snapshot.materialize();
        read_ = true;
        await updater;
        assert.ok(updatesWhileReading > 0, "the asynchronous part let the task update state while it read the snapshot");

        const restored = target.create(undefined, 256);
        restored.restore(groups);
        const rs = states(restored);
        rs.timers.restore();
        const allKeys = Array.from({ length: KEYS + NEW_KEYS }, (_, k) => k);
        const empty = { list: [], map: new Map(), timers: new Set<number>() };
        const expectedAll: Model = new Map(allKeys.map((k) => [k, expected.get(k) ?? structuredClone(empty)]));
        assert.deepEqual(normalized(read(restored, rs, allKeys)), normalized(expectedAll));

        const liveAll: Model = new Map(allKeys.map((k) => [k, model.get(k) ?? structuredClone(empty)]));
        assert.deepEqual(normalized(read(backend, s, allKeys)), normalized(liveAll));
      });
    }
  });
}
