/**
 * The timer queues' conformance suite (support/timer-queue-conformance.ts) against every
 * implementation: the heap queue on the heap backend and on the LMDB backend
 * (`timer-service.factory: HEAP`), and the LMDB queue with a head cache of 3 timers per key group
 * and a write-back cache of 4 entries, so heads run empty and refill from LMDB all the time. Each
 * snapshot is restored into every kind, so each layout restores into each queue.
 */
import { after } from "node:test";
import { HeapKeyedStateBackend } from "../../src/runtime/state/heap-keyed-state-backend.js";
import type { KeyedStateBackend } from "../../src/runtime/state/keyed-state-backend.js";
import { LmdbKeyedStateBackend } from "../../src/runtime/state/lmdb/lmdb-keyed-state-backend.js";
import { FULL_RANGE, testLocalDir, disposeBackends } from "./support/backends.js";
import { timerQueueConformance, type QueueKind } from "./support/timer-queue-conformance.js";

const created: KeyedStateBackend[] = [];
after(async () => {
  await Promise.all(created.map((b) => b.dispose()));
  await disposeBackends();
});

const lmdb = (timerService: "lmdb" | "heap", r = FULL_RANGE): KeyedStateBackend => {
  const b = new LmdbKeyedStateBackend({
    maxParallelism: r.maxParallelism,
    keyGroupStart: r.start,
    keyGroupEnd: r.end,
    localDir: testLocalDir(),
    cacheEntries: 4,
    label: "timers",
    timerService,
    timerCacheSize: 3,
  });
  created.push(b);
  return b;
};

const KINDS: QueueKind[] = [
  { name: "heap queue on the hashmap backend", create: (r = FULL_RANGE) => new HeapKeyedStateBackend(r.maxParallelism, r.start, r.end) },
  { name: "lmdb queue on the lmdb backend", create: (r) => lmdb("lmdb", r) },
  { name: "heap queue on the lmdb backend", create: (r) => lmdb("heap", r) },
];

for (const kind of KINDS) timerQueueConformance(kind, KINDS);
