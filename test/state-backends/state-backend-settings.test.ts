/** Choosing the backend: the job's setStateBackend() over `state.backend.type` (client, then cluster), names and options. */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { StreamExecutionEnvironment } from "../../src/api/environment.js";
import { ConfigurationError } from "../../src/config/configuration.js";
import { createKeyedStateBackend } from "../../src/runtime/state/create-keyed-state-backend.js";
import { DEFAULT_LMDB_CACHE_ENTRIES, resolveStateBackend } from "../../src/runtime/state/state-backend-settings.js";
import { disposeBackends, testLocalDir } from "./support/backends.js";
import { HeapTimerQueue } from "../../src/runtime/state/timers/heap-timer-queue.js";
import { LmdbTimerQueue } from "../../src/runtime/state/timers/lmdb-timer-queue.js";

after(disposeBackends);

test("hashmap by default; state.backend.type from the configuration; the job's own choice wins", () => {
  assert.deepEqual(resolveStateBackend({}), {
    type: "hashmap",
    lmdbLocalDir: tmpdir(),
    lmdbCacheEntries: DEFAULT_LMDB_CACHE_ENTRIES,
    lmdbTimerService: "lmdb",
    lmdbTimerCacheSize: 128,
  });
  assert.equal(resolveStateBackend({}, undefined, { "state.backend.type": "lmdb" }).type, "lmdb");
  // The client's -D options come before the cluster's configuration.
  assert.equal(resolveStateBackend({}, { "state.backend.type": "hashmap" }, { "state.backend.type": "lmdb" }).type, "hashmap");
  const env = new StreamExecutionEnvironment().setStateBackend("lmdb");
  assert.equal(env.jobSettings().stateBackend, "lmdb");
  assert.equal(resolveStateBackend(env.jobSettings(), { "state.backend.type": "hashmap" }).type, "lmdb");
  assert.equal(new StreamExecutionEnvironment().jobSettings().stateBackend, undefined);
});

test("Flink's names select the backend in the same role; unknown names are refused", () => {
  for (const name of ["hashmap", "HashMap", "heap", "jobmanager", "filesystem"]) assert.equal(resolveStateBackend({}, { "state.backend.type": name }).type, "hashmap", name);
  for (const name of ["lmdb", "rocksdb", "RocksDB"]) assert.equal(resolveStateBackend({}, { "state.backend.type": name }).type, "lmdb", name);
  assert.throws(() => resolveStateBackend({}, { "state.backend.type": "forst" }), ConfigurationError);
  assert.throws(() => new StreamExecutionEnvironment().setStateBackend("memory" as never), /hashmap.*lmdb/);
});

test("LMDB options: local folder (own key, then io.tmp.dirs) and cache size", () => {
  assert.equal(resolveStateBackend({}, { "io.tmp.dirs": "/a,/b" }).lmdbLocalDir, "/a");
  assert.equal(resolveStateBackend({}, { "taskmanager.tmp.dirs": "/c" }).lmdbLocalDir, "/c");
  assert.equal(resolveStateBackend({}, { "io.tmp.dirs": "/a", "state.backend.lmdb.localdir": "/d" }).lmdbLocalDir, "/d");
  assert.equal(resolveStateBackend({}, { "state.backend.lmdb.cache-entries": "500" }).lmdbCacheEntries, 500);
  assert.throws(() => resolveStateBackend({}, { "state.backend.lmdb.cache-entries": "0" }), ConfigurationError);
});

test("the factory builds the chosen backend over the subtask's key groups", async () => {
  const scope = { maxParallelism: 128, keyGroupStart: 64, keyGroupEnd: 127, label: "t" };
  const heap = createKeyedStateBackend(resolveStateBackend({}), scope);
  const lmdb = createKeyedStateBackend({ ...resolveStateBackend({ stateBackend: "lmdb" }), lmdbLocalDir: testLocalDir() }, scope);
  assert.deepEqual([heap.type, lmdb.type], ["hashmap", "lmdb"]);
  for (const b of [heap, lmdb]) {
    assert.deepEqual([b.keyGroupStart, b.keyGroupEnd], [64, 127]);
    await b.dispose();
  }
});

test("timers on the LMDB backend: in LMDB by default, on the heap with timer-service.factory HEAP (Flink's rocksdb keys too)", async () => {
  const factory = (config: Record<string, string>) => resolveStateBackend({}, config).lmdbTimerService;
  assert.equal(factory({}), "lmdb");
  assert.equal(factory({ "state.backend.lmdb.timer-service.factory": "HEAP" }), "heap");
  assert.equal(factory({ "state.backend.lmdb.timer-service.factory": "lmdb" }), "lmdb");
  assert.equal(factory({ "state.backend.rocksdb.timer-service.factory": "HEAP" }), "heap");
  assert.equal(factory({ "state.backend.rocksdb.timer-service.factory": "ROCKSDB" }), "lmdb");
  assert.throws(() => factory({ "state.backend.lmdb.timer-service.factory": "disk" }), /HEAP/);
  assert.equal(resolveStateBackend({}, { "state.backend.lmdb.timer-service.cache-size": "16" }).lmdbTimerCacheSize, 16);
  assert.equal(resolveStateBackend({}, { "state.backend.rocksdb.timer-service.cache-size": "8" }).lmdbTimerCacheSize, 8);
  assert.throws(() => resolveStateBackend({}, { "state.backend.lmdb.timer-service.cache-size": "0" }), ConfigurationError);

  const scope = { maxParallelism: 128, keyGroupStart: 0, keyGroupEnd: 127, label: "t" };
  const onLmdb = createKeyedStateBackend({ ...resolveStateBackend({ stateBackend: "lmdb" }), lmdbLocalDir: testLocalDir() }, scope);
  const onHeap = createKeyedStateBackend(
    { ...resolveStateBackend({ stateBackend: "lmdb" }, { "state.backend.lmdb.timer-service.factory": "HEAP" }), lmdbLocalDir: testLocalDir() },
    scope,
  );
  const hashmap = createKeyedStateBackend(resolveStateBackend({}, { "state.backend.lmdb.timer-service.factory": "LMDB" }), scope);
  assert.ok(onLmdb.timerQueue("event") instanceof LmdbTimerQueue);
  assert.ok(onHeap.timerQueue("event") instanceof HeapTimerQueue);
  assert.ok(hashmap.timerQueue("event") instanceof HeapTimerQueue, "the hashmap backend keeps timers on the heap");
  for (const b of [onLmdb, onHeap, hashmap]) await b.dispose();
});
