/**
 * Time from an injected failure to the first record processed after the restore, with the restart
 * delay at 0, at about 100 MB of keyed state (100,000 keys × 1 KiB). Target: under 1 second.
 * Run: npm run build && node dist/bench/recovery-time.js [--keys N] [--bytes B]
 */
import { MiniCluster } from "../src/cluster/minicluster.js";
import { MiniClusterClient } from "../src/client/cluster-client.js";
import { runJob } from "../src/client/job-runner.js";
import { argNumber, benchJob, machine } from "./support.js";

const keys = argNumber("keys", 100_000);
const bytes = argNumber("bytes", 1024);
const rate = argNumber("rate", 50_000);
const failAt = keys + rate; // about a second after the state is complete: a checkpoint holds all of it
const count = failAt + rate;

// The restored operator prints its first record's time; the TaskExecutor writes worker output here.
let restoredAt = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const m = /"firstRecordAfterRestore":(\d+)/.exec(String(chunk));
  if (m) restoredAt = Number(m[1]);
  return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1 });
try {
  let jobId = "";
  const result = await runJob(benchJob("recovery.ts"), {
    client: new MiniClusterClient(cluster),
    args: [keys, bytes, failAt, count, rate].map(String),
    onSubmitted: (id) => (jobId = id),
  });
  if (result.state !== "FINISHED") throw new Error(`job ${result.state}: ${result.failure?.message}`);
  const failure = cluster.dispatcher.requestExceptions(jobId).find((e) => /injected failure at (\d+)/.test(e.message));
  const failedAt = Number(/injected failure at (\d+)/.exec(failure?.message ?? "")?.[1]);
  const stats = cluster.dispatcher.requestCheckpointStats(jobId);
  console.log(`machine: ${machine()}`);
  console.log(`keyed state: ${keys} keys × ${bytes} B; checkpoint restored: ${(stats.latest.completed?.state_size ?? 0) / 2 ** 20 > 0 ? ((stats.latest.completed!.state_size) / 2 ** 20).toFixed(1) + " MiB" : "?"}; restarts: ${result.restarts}`);
  console.log(`failure → first record processed after restore: ${restoredAt - failedAt} ms  (target < 1000 ms)`);
} finally {
  await cluster.close();
}
