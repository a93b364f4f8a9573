/**
 * Bytes written per checkpoint with the state changelog off (a full snapshot, as the
 * TaskCheckpointer writes it) and on (the segment of changes, plus a materialization when one
 * has completed since the last checkpoint), as a share of the state, for both keyed state
 * backends. Keyed ValueState of `--keys` keys with `--value-bytes` values; before each
 * checkpoint `--updated` (a fraction) of the keys are updated, as a job updating 1 % of its keys
 * per second with a checkpoint every second does; a materialization every
 * `--materialize-every` checkpoints (the first checkpoint, before which all keys were written, is
 * a materialization itself and is not counted). Also the synchronous pause of each checkpoint.
 * One child process per backend and mode.
 *
 * Run: npm run build && node dist/bench/changelog-checkpoints.js [--keys 200000] [--value-bytes 100] [--updated 0.01] [--checkpoints 20] [--materialize-every 10]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ValueStateDescriptor } from "../src/api/state/state-descriptors.js";
import { encodeTaskSnapshot } from "../src/runtime/checkpoint/task-state.js";
import { createKeyedStateBackend } from "../src/runtime/state/create-keyed-state-backend.js";
import type { StateBackendType } from "../src/runtime/state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../src/runtime/state/keyed-state-registry.js";
import { ChangelogKeyedStateBackend } from "../src/runtime/state/changelog/changelog-keyed-state-backend.js";
import { DEFAULT_LMDB_CACHE_ENTRIES } from "../src/runtime/state/state-backend-settings.js";
import { machine } from "./support.js";

interface Result {
  backend: StateBackendType;
  changelog: boolean;
  /** Bytes of a full snapshot of the state at the end. */
  stateBytes: number;
  /** Bytes written per checkpoint, in order. */
  written: number[];
  syncMs: number[];
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const keys = Number(option("keys", "200000"));
const valueBytes = Number(option("value-bytes", "100"));
const updated = Number(option("updated", "0.01"));
const checkpoints = Number(option("checkpoints", "20"));
const materializeEvery = Number(option("materialize-every", "10"));

async function measure(backendType: StateBackendType, changelog: boolean): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-changelog-bench-"));
  try {
    const backend = createKeyedStateBackend(
      {
        type: backendType,
        lmdbLocalDir: dir,
        lmdbCacheEntries: DEFAULT_LMDB_CACHE_ENTRIES,
        // Materializations are started by the bench (below), not by the timer.
        ...(changelog ? { changelog: { materializeIntervalMs: 3_600_000, maxMaterializationFailures: 3 } } : {}),
      },
      { maxParallelism: 128, keyGroupStart: 0, keyGroupEnd: 127, label: "bench", owner: "bench" },
    );
    const state = new KeyedStateRegistry(backend, () => 0).getState(new ValueStateDescriptor<string>("v"));
    const value = (k: number, round: number): string => `${k}:${round}:`.padEnd(valueBytes, "x");
    for (let k = 0; k < keys; k++) {
      backend.setCurrentKey(k);
      state.update(value(k, 0));
    }
    const written: number[] = [];
    const syncMs: number[] = [];
    const jobDir = join(dir, "job");
    const cl = changelog ? (backend as ChangelogKeyedStateBackend) : undefined;
    // The first checkpoint (before any materialization) holds the whole state either way: not counted.
    for (let id = 0; id <= checkpoints; id++) {
      if (id > 0) {
        const step = Math.max(1, Math.round(1 / updated));
        const offset = Math.floor(Math.random() * step);
        for (let k = offset; k < keys; k += step) {
          backend.setCurrentKey(k);
          state.update(value(k, id));
        }
      }
      const start = performance.now();
      if (cl) {
        const pending = cl.checkpoint(id, jobDir);
        syncMs.push(performance.now() - start);
        const c = await pending.persist();
        cl.notifyCheckpointComplete(id);
        if (id > 0) written.push(c.checkpointedBytes);
        if (id > 0 && id % materializeEvery === 0) {
          await cl.materialize();
        }
      } else {
        const snapshot = backend.snapshot();
        syncMs.push(performance.now() - start);
        const bytes = encodeTaskSnapshot({ operators: { op: { keyed: await snapshot.materialize() } } }).length;
        if (id > 0) written.push(bytes);
      }
    }
    const stateBytes = encodeTaskSnapshot({ operators: { op: { keyed: await backend.snapshot().materialize() } } }).length;
    await backend.dispose();
    return { backend: backendType, changelog, stateBytes, written, syncMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(2)} %`;

if (process.argv[2] === "--child") {
  const r = await measure(process.argv[3] as StateBackendType, process.argv[4] === "on");
  process.stdout.write(JSON.stringify(r));
} else {
  console.log(`changelog checkpoints: ${keys} keys × ${valueBytes} B, ${updated * 100} % of the keys updated per checkpoint, ${checkpoints} checkpoints, a materialization every ${materializeEvery} (${machine()})`);
  const self = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2);
  for (const backend of ["hashmap", "lmdb"] as const) {
    const runs: Record<string, Result> = {};
    for (const mode of ["off", "on"]) {
      const child = spawnSync(process.execPath, [self, "--child", backend, mode, ...passOn], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (child.status !== 0) throw new Error(`${backend} changelog ${mode} failed: ${child.stderr}`);
      runs[mode] = JSON.parse(child.stdout) as Result;
    }
    const off = runs.off!;
    const on = runs.on!;
    const state = off.stateBytes;
    console.log(`\n${backend}: state ${(state / 1e6).toFixed(1)} MB`);
    console.log(`  changelog off: ${(mean(off.written) / 1e6).toFixed(2)} MB per checkpoint (${pct(mean(off.written), state)} of the state), sync pause p50 ${quantile(off.syncMs, 0.5).toFixed(1)} ms`);
    // written[i] is checkpoint i + 1; the one after each materialization (after checkpoints M, 2M, …) also writes it.
    const segmentsOnly = on.written.filter((_, i) => i === 0 || i % materializeEvery !== 0);
    console.log(
      `  changelog on:  ${(mean(on.written) / 1e6).toFixed(3)} MB per checkpoint on average, materializations included (${pct(mean(on.written), state)} of the state); ` +
        `p50 ${(quantile(on.written, 0.5) / 1e6).toFixed(3)} MB (${pct(quantile(on.written, 0.5), state)}); sync pause p50 ${quantile(on.syncMs, 0.5).toFixed(1)} ms`,
    );
    console.log(`  on / off (mean bytes per checkpoint): ${(mean(on.written) / mean(off.written)).toFixed(4)}; without the checkpoints after a materialization: ${(mean(segmentsOnly) / mean(off.written)).toFixed(4)}`);
  }
}
