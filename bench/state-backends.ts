/**
 * Checkpoint duration and size per keyed state backend, at given amounts of keyed state (keys ×
 * value size, as ValueState through the state registry): the synchronous part (heap: serialize
 * every key group; LMDB: write the cache back and open a read transaction), the asynchronous part
 * as the TaskCheckpointer does it (read out the key groups, encode the task's state file, write
 * and fsync it), the file's size, and restoring that file into a fresh backend. One child
 * process per measurement, so that one backend's heap does not weigh on the next.
 *
 * Run: npm run build && node dist/bench/state-backends.js [--sizes 100MB,1GB] [--backends hashmap,lmdb] [--value-bytes 1024]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, fsyncSync, closeSync, writeSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { ValueStateDescriptor } from "../src/api/state/state-descriptors.js";
import { encodeTaskSnapshot, readTaskSnapshot } from "../src/runtime/checkpoint/task-state.js";
import { createKeyedStateBackend } from "../src/runtime/state/create-keyed-state-backend.js";
import type { KeyedStateBackend, StateBackendType } from "../src/runtime/state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../src/runtime/state/keyed-state-registry.js";
import { DEFAULT_LMDB_CACHE_ENTRIES } from "../src/runtime/state/state-backend-settings.js";
import { formatSize, machine, parseSize } from "./support.js";

interface Measurement {
  backend: StateBackendType;
  stateBytes: number;
  keys: number;
  fillMs: number;
  heapUsedMb: number;
  syncMs: number;
  asyncMs: number;
  fileBytes: number;
  restoreMs: number;
}

const MB = 1024 * 1024;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, "w");
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, Math.min(bytes.length - off, 64 * MB));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function measure(type: StateBackendType, stateBytes: number, valueBytes: number): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-bench-state-"));
  const scope = { maxParallelism: 128, keyGroupStart: 0, keyGroupEnd: 127, label: "bench" };
  const settings = { type, lmdbLocalDir: dir, lmdbCacheEntries: DEFAULT_LMDB_CACHE_ENTRIES };
  try {
    let backend: KeyedStateBackend | undefined = createKeyedStateBackend(settings, scope);
    const keys = Math.ceil(stateBytes / valueBytes);
    const fillStart = performance.now();
    const state = new KeyedStateRegistry(backend, () => 0).getState(new ValueStateDescriptor<string>("payload"));
    for (let k = 0; k < keys; k++) {
      backend.setCurrentKey(k);
      state.update(`${k}:`.padEnd(valueBytes, String.fromCharCode(97 + (k % 26))));
    }
    const fillMs = performance.now() - fillStart;
    globalThis.gc?.();
    const heapUsedMb = getHeapStatistics().used_heap_size / MB;

    const syncStart = performance.now();
    const snapshot = backend.snapshot();
    const syncMs = performance.now() - syncStart;
    const asyncStart = performance.now();
    const keyed = await snapshot.materialize();
    const file = join(dir, "task.state");
    writeDurably(file, encodeTaskSnapshot({ operators: { bench: { keyed } } }));
    const asyncMs = performance.now() - asyncStart;
    const fileBytes = statSync(file).size;

    await backend.dispose();
    backend = undefined;
    keyed.length = 0;
    globalThis.gc?.();
    const restoreStart = performance.now();
    const restored = createKeyedStateBackend(settings, scope);
    restored.restore((await readTaskSnapshot(file)).operators.bench!.keyed!);
    const restoreMs = performance.now() - restoreStart;
    await restored.dispose();
    return { backend: type, stateBytes, keys, fillMs, heapUsedMb, syncMs, asyncMs, fileBytes, restoreMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const valueBytes = parseSize(option("value-bytes", "1024"));
const childIndex = process.argv.indexOf("--child");
if (childIndex > 0) {
  const [type, size] = [process.argv[childIndex + 1] as StateBackendType, Number(process.argv[childIndex + 2])];
  console.log(JSON.stringify(await measure(type, size, valueBytes)));
} else {
  const sizes = option("sizes", "100MB,1GB").split(",").map(parseSize);
  const backends = option("backends", "hashmap,lmdb").split(",") as StateBackendType[];
  const rows: Measurement[] = [];
  for (const size of sizes) {
    for (const type of backends) {
      // The heap backend holds the state, its snapshot and the encoded file at once.
      const heapMb = Math.max(1024, Math.ceil((type === "hashmap" ? 5 : 1) * (size / MB)) + 512);
      const child = spawnSync(
        process.execPath,
        [`--max-old-space-size=${heapMb}`, "--expose-gc", fileURLToPath(import.meta.url), "--child", type, String(size), "--value-bytes", String(valueBytes)],
        { encoding: "utf8", maxBuffer: 16 * MB },
      );
      if (child.status !== 0) throw new Error(`${type} at ${formatSize(size)} failed:\n${child.stderr}`);
      rows.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measurement);
    }
  }
  console.log(`machine: ${machine()}`);
  console.log(`keyed state: ValueState<string> of ${valueBytes} B per key, 128 key groups in one task; lmdb cache ${DEFAULT_LMDB_CACHE_ENTRIES} entries`);
  const header = ["state", "backend", "keys", "fill s", "heap used MB", "sync ms", "async ms", "checkpoint MB", "restore ms"];
  const table = rows.map((r) => [
    formatSize(r.stateBytes),
    r.backend,
    String(r.keys),
    (r.fillMs / 1000).toFixed(1),
    r.heapUsedMb.toFixed(0),
    r.syncMs.toFixed(1),
    r.asyncMs.toFixed(0),
    (r.fileBytes / MB).toFixed(1),
    r.restoreMs.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const row of table) console.log(line(row));
}
