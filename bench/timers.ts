/**
 * Timer throughput: registering and firing timers through the timer service
 * (src/runtime/state/timers/) against a hand-written loop doing the same work in the same run.
 *
 * Workloads, per record: select the key, then
 * - windows: register the timer of the key's tumbling window end (most registrations are
 *   duplicates: one timer per key and window), and every 1000 records the watermark fires the
 *   windows it passed;
 * - deadlines: delete the key's previous deadline and register a new one a random time ahead (the
 *   keyed-process timeout pattern), the watermark firing the deadlines it passes.
 *
 * The hand loop keeps what the workload needs and nothing more: one pending timestamp per key in
 * a Float64Array and a typed-array heap of (timestamp, key index) with lazy deletion; no key
 * groups, no namespaces, no snapshots. "key selection" is setCurrentKey alone, which every keyed
 * operator pays per record before it touches timers; the service's own cost is the difference.
 * Times are CPU time of the process (best of three), so other load on the machine counts less.
 * The LMDB timer queue (timers on disk, 128 timers per key group in memory) runs the same workloads.
 *
 * Run: npm run build && node dist/bench/timers.js [--records 2000000] [--keys 10000] [--lmdb-records 200000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadavg } from "node:os";
import { HeapKeyedStateBackend } from "../src/runtime/state/heap-keyed-state-backend.js";
import type { KeyedStateBackend } from "../src/runtime/state/keyed-state-backend.js";
import { LmdbKeyedStateBackend } from "../src/runtime/state/lmdb/lmdb-keyed-state-backend.js";
import { TimerService } from "../src/runtime/state/timers/timer-service.js";
import { machine, rate } from "./support.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

const RECORDS = option("records", 2_000_000);
const KEYS = option("keys", 10_000);
const LMDB_RECORDS = option("lmdb-records", 200_000);
const WINDOW = 1000;

/** CPU milliseconds of this (single-threaded) process: a loaded machine's waiting time is not counted. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const WATERMARK_EVERY = 1000;

type Workload = "windows" | "deadlines";

/** Deterministic pseudo-random numbers, the same sequence for every contender. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
}

interface Result {
  ms: number;
  registered: number;
  fired: number;
}

function viaService(backend: KeyedStateBackend, workload: Workload, records: number): Result {
  let fired = 0;
  const timers = new TimerService<number>(backend, "event", () => fired++, (n) => n);
  const rnd = random(42);
  const t0 = cpuMs();
  for (let i = 0; i < records; i++) {
    const key = rnd() % KEYS;
    backend.setCurrentKey(key);
    if (workload === "windows") {
      timers.register(0, (Math.floor(i / WINDOW) + 1) * WINDOW - 1);
    } else {
      const previous = lastDeadline[key]!;
      if (previous >= 0) timers.delete(0, previous);
      const next = i + 1 + (rnd() % 5000);
      lastDeadline[key] = next;
      timers.register(0, next);
    }
    if (i % WATERMARK_EVERY === WATERMARK_EVERY - 1) timers.advance(i);
  }
  timers.advance(Number.POSITIVE_INFINITY);
  return { ms: cpuMs() - t0, registered: records, fired };
}
const lastDeadline = new Float64Array(KEYS);

function keySelectionOnly(backend: KeyedStateBackend, records: number): number {
  const rnd = random(42);
  const t0 = cpuMs();
  for (let i = 0; i < records; i++) backend.setCurrentKey(rnd() % KEYS);
  return cpuMs() - t0;
}

/** The hand loop: one pending timestamp per key, a typed-array heap with lazy deletion. */
function handLoop(workload: Workload, records: number): Result {
  const pending = new Float64Array(KEYS).fill(-1);
  let heapTs = new Float64Array(1024);
  let heapKey = new Int32Array(1024);
  let n = 0;
  let fired = 0;
  const push = (ts: number, key: number): void => {
    if (n === heapTs.length) {
      const t = new Float64Array(n * 2);
      t.set(heapTs);
      heapTs = t;
      const k = new Int32Array(n * 2);
      k.set(heapKey);
      heapKey = k;
    }
    let at = n++;
    while (at > 0) {
      const p = (at - 1) >> 1;
      if (heapTs[p]! <= ts) break;
      heapTs[at] = heapTs[p]!;
      heapKey[at] = heapKey[p]!;
      at = p;
    }
    heapTs[at] = ts;
    heapKey[at] = key;
  };
  const pop = (): void => {
    const ts = heapTs[--n]!;
    const key = heapKey[n]!;
    let at = 0;
    for (;;) {
      let c = 2 * at + 1;
      if (c >= n) break;
      if (c + 1 < n && heapTs[c + 1]! < heapTs[c]!) c++;
      if (heapTs[c]! >= ts) break;
      heapTs[at] = heapTs[c]!;
      heapKey[at] = heapKey[c]!;
      at = c;
    }
    heapTs[at] = ts;
    heapKey[at] = key;
  };
  const advance = (time: number): void => {
    while (n > 0 && heapTs[0]! <= time) {
      const ts = heapTs[0]!;
      const key = heapKey[0]!;
      pop();
      if (pending[key] === ts) {
        pending[key] = -1;
        fired++;
      }
    }
  };
  const rnd = random(42);
  const t0 = cpuMs();
  for (let i = 0; i < records; i++) {
    const key = rnd() % KEYS;
    const ts = workload === "windows" ? (Math.floor(i / WINDOW) + 1) * WINDOW - 1 : i + 1 + (rnd() % 5000);
    if (pending[key] !== ts) {
      pending[key] = ts; // a deadline replaces the previous one (lazily deleted from the heap)
      push(ts, key);
    }
    if (i % WATERMARK_EVERY === WATERMARK_EVERY - 1) advance(i);
  }
  advance(Number.POSITIVE_INFINITY);
  return { ms: cpuMs() - t0, registered: records, fired };
}

function best<T extends { ms: number }>(runs: number, f: () => T): T {
  let b: T | undefined;
  for (let r = 0; r < runs; r++) {
    const x = f();
    if (!b || x.ms < b.ms) b = x;
  }
  return b!;
}

const dir = mkdtempSync(join(tmpdir(), "sluice-bench-timers-"));
console.log(`timers: ${RECORDS} records over ${KEYS} keys (LMDB: ${LMDB_RECORDS}); ${machine()}; load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log("workload   contender                        records/s   fired      ratio to hand loop");
try {
  for (const workload of ["windows", "deadlines"] as const) {
    const hand = best(3, () => handLoop(workload, RECORDS));
    const heap = new HeapKeyedStateBackend(128, 0, 127);
    const keyMs = Math.min(...[0, 1, 2].map(() => keySelectionOnly(heap, RECORDS)));
    const service = best(3, () => {
      lastDeadline.fill(-1);
      return viaService(new HeapKeyedStateBackend(128, 0, 127), workload, RECORDS);
    });
    lastDeadline.fill(-1);
    const lmdb = new LmdbKeyedStateBackend({ maxParallelism: 128, keyGroupStart: 0, keyGroupEnd: 127, localDir: dir, cacheEntries: 10_000, label: "bench" });
    const onDisk = viaService(lmdb, workload, LMDB_RECORDS);
    await lmdb.dispose();
    if (service.fired !== hand.fired) throw new Error(`${workload}: the service fired ${service.fired} timers, the hand loop ${hand.fired}`);
    const row = (name: string, r: Result, ratio: string): void =>
      console.log(`${workload.padEnd(10)} ${name.padEnd(32)} ${rate(r.registered, r.ms).padStart(10)}  ${String(r.fired).padStart(8)}   ${ratio}`);
    row("hand loop", hand, "1.00");
    row("timer service (heap queue)", service, (hand.ms / service.ms).toFixed(2));
    const own = service.ms - keyMs;
    console.log(`${workload.padEnd(10)} ${"  of which key selection".padEnd(32)} ${rate(RECORDS, keyMs).padStart(10)}            service without it: ${(hand.ms / own).toFixed(2)}`);
    row("timer service (LMDB queue)", onDisk, (hand.ms / RECORDS / (onDisk.ms / LMDB_RECORDS)).toFixed(3));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
