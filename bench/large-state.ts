/**
 * Checkpoints of a large keyed state while the job runs (issue 17): a job fills its keyed state
 * (1 GB on the heap backend, 4 GB on LMDB by default), then updates 1 % of its keys per second with
 * a checkpoint every second, then updates as fast as it can for a while. Per backend it prints,
 * from the checkpoints taken during the steady phase: the synchronous pause per checkpoint (the
 * longest of any subtask, as the JobMaster's checkpoint statistics report it, whole ms), the bytes
 * written per checkpoint as % of the state, and the checkpoint duration p50/p99 (trigger to
 * complete); and the burst phase's throughput against the same job without checkpoints in the same
 * run (throughput lost to checkpointing). The job is bench/jobs/large-state.ts on a MiniCluster.
 *
 * `--config key=value` (repeatable) goes to the cluster and the job, so the same bench measures
 * e.g. `state.backend.local-recovery=true` or `execution.checkpointing.unaligned=true`.
 * `--changelog off,on` measures each backend with the state changelog off and on in the same run
 * (bytes written per checkpoint are Flink's checkpointed_size: with the changelog the changes).
 *
 * Run: npm run build && node dist/bench/large-state.js [--backends hashmap,lmdb] [--heap-state 1GB]
 *   [--lmdb-state 4GB] [--value-bytes 1024] [--update-percent 1] [--interval 1000] [--steady 20]
 *   [--burst 10] [--changelog off,on] [--config key=value ...]
 */
import { loadavg } from "node:os";
import { runJob, type RunResult } from "../src/client/job-runner.js";
import type { MiniClusterClient } from "../src/client/cluster-client.js";
import type { CheckpointStatsEntry } from "../src/cluster/jobmaster/checkpoint-stats.js";
import { nearestRank } from "../src/util/quantiles.js";
import { benchJob, formatSize, machine, parseSize } from "./support.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** Every `--config key=value` of the command line. */
function configOptions(): Record<string, string> {
  const out: Record<string, string> = {};
  process.argv.forEach((a, i) => {
    if (a !== "--config") return;
    const kv = process.argv[i + 1] ?? "";
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new Error(`--config wants key=value, got "${kv}"`);
    out[kv.slice(0, eq).trim()] = kv.slice(eq + 1).trim();
  });
  return out;
}

const backends = option("backends", "hashmap,lmdb").split(",");
const sizes: Record<string, number> = { hashmap: parseSize(option("heap-state", "1GB")), lmdb: parseSize(option("lmdb-state", "4GB")) };
const valueBytes = Number(option("value-bytes", "1024"));
const updatePercent = Number(option("update-percent", "1"));
const intervalMs = Number(option("interval", "1000"));
const steadySeconds = Number(option("steady", "20"));
const burstSeconds = Number(option("burst", "10"));
const config = configOptions();
// Without --changelog, the mode is what --config says (state.changelog.enabled), off by default.
const changelogModes = option("changelog", config["state.changelog.enabled"] === "true" ? "on" : "off").split(",");

interface Run {
  result: RunResult;
  /** Completed checkpoints by id, as the statistics showed them. */
  checkpoints: Map<number, CheckpointStatsEntry>;
  /** Wall-clock times the keyed operator first saw each phase. */
  phaseStart: [number, number, number];
  burstRate: number;
}

async function run(backend: string, keys: number, checkpointMs: number, extraConfig: Record<string, string> = {}): Promise<Run> {
  const checkpoints = new Map<number, CheckpointStatsEntry>();
  let poll: ReturnType<typeof setInterval> | undefined;
  const updatesPerSecond = Math.max(1, Math.round((keys * updatePercent) / 100));
  const result = await runJob(benchJob("large-state.ts"), {
    args: [keys, valueBytes, updatesPerSecond, steadySeconds, burstSeconds, checkpointMs].map(String),
    config: { ...config, ...extraConfig, "state.backend.type": backend },
    onSubmitted: (jobId, client) => {
      const dispatcher = (client as MiniClusterClient).cluster.dispatcher;
      // The statistics keep a short history: poll often enough to see every checkpoint.
      poll = setInterval(() => {
        try {
          for (const e of dispatcher.requestCheckpointStats(jobId).history) if (e.status === "COMPLETED" && !e.is_savepoint) checkpoints.set(e.id, e);
        } catch {
          // not running yet, or gone
        }
      }, 200);
    },
  }).finally(() => clearInterval(poll));
  if (result.state !== "FINISHED") throw new Error(`the ${backend} job ended ${result.state}: ${result.failure?.message ?? ""}`);
  const acc = result.accumulators as Record<string, number>;
  const phaseStart: [number, number, number] = [acc.phase0Start!, acc.phase1Start!, acc.phase2Start!];
  // burstEnd sums increments up to the last burst record's time.
  const burstRate = (acc.burstRecords! / (acc.burstEnd! - phaseStart[2])) * 1000;
  return { result, checkpoints, phaseStart, burstRate };
}

const p = (xs: number[], q: number): number => nearestRank([...xs].sort((a, b) => a - b), q) ?? Number.NaN;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(" ");

console.log(`machine: ${machine()}`);
console.log(
  `keyed state: values of ${valueBytes} B, ${updatePercent} % of keys updated per second for ${steadySeconds} s, checkpoint every ${intervalMs} ms, then ${burstSeconds} s as fast as it goes; parallelism 1`,
);
if (Object.keys(config).length) console.log(`config: ${Object.entries(config).map(([k, v]) => `${k}=${v}`).join(", ")}`);

for (const backend of backends) {
  const size = sizes[backend];
  if (size === undefined) throw new Error(`unknown backend "${backend}": hashmap or lmdb`);
  const keys = Math.ceil(size / valueBytes);
  console.log(`\n${backend}: ${formatSize(size)} (${keys.toLocaleString("en")} keys), load before: ${load()}`);
  const without = await run(backend, keys, 0);
  const loadWithout = load();
  for (const changelog of changelogModes) {
    if (changelog !== "off" && changelog !== "on") throw new Error(`--changelog takes off and on, got "${changelog}"`);
    const withCp = await run(backend, keys, intervalMs, changelogModes.length > 1 || changelog === "on" ? { "state.changelog.enabled": String(changelog === "on") } : {});
    const [, steadyStart, burstStart] = withCp.phaseStart;
    const steady = [...withCp.checkpoints.values()].filter((e) => e.trigger_timestamp >= steadyStart && e.trigger_timestamp < burstStart);
    const fullSize = Math.max(0, ...[...withCp.checkpoints.values()].map((e) => e.state_size));
    const sync = steady.map((e) => e.sync_duration);
    const bytes = steady.map((e) => e.checkpointed_size);
    const durations = steady.map((e) => e.end_to_end_duration);
    const loss = (1 - withCp.burstRate / without.burstRate) * 100;
    console.log(`  changelog ${changelog}:`);
    console.log(`  fill: ${((steadyStart - withCp.phaseStart[0]) / 1000).toFixed(1)} s; largest checkpoint (state size): ${formatSize(fullSize)}`);
    console.log(`  checkpoints in the steady phase: ${steady.length} completed (of ${withCp.checkpoints.size} in the run)`);
    console.log(`  synchronous pause per checkpoint: p50 ${p(sync, 0.5)} ms, max ${Math.max(...sync)} ms (whole ms; 0 = under 0.5 ms)`);
    console.log(
      `  bytes written per checkpoint: p50 ${formatSize(p(bytes, 0.5))} = ${((p(bytes, 0.5) / size) * 100).toFixed(1)} % of the state (target < 5 %)`,
    );
    console.log(`  checkpoint duration: p50 ${p(durations, 0.5)} ms, p99 ${p(durations, 0.99)} ms (target p50 < 1 s)`);
    console.log(
      `  throughput (burst): ${Math.round(withCp.burstRate).toLocaleString("en")}/s with checkpoints, ${Math.round(without.burstRate).toLocaleString("en")}/s without: ` +
        `${loss.toFixed(1)} % lost to checkpointing (target < 5 %)`,
    );
    console.log(`  load: ${loadWithout} after the run without checkpoints, ${load()} after this one`);
  }
}
