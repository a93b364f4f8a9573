/**
 * Time from SIGKILL of the TaskManager running a job to the first record processed after the
 * recovery, with a replacement TaskManager already registered (real processes, restart delay 0,
 * about 10 MB of keyed state). Target: under 2 seconds (Flink's heartbeat timeout alone is 50 s; a
 * killed TaskManager's connections close at once here).
 * Run: npm run build && node dist/bench/taskmanager-failover.js [--runs N]
 */
import { RestClusterClient } from "../src/client/rest-cluster-client.js";
import { runJob } from "../src/client/job-runner.js";
import { killAll, startJobManager, startTaskManager } from "../test/cluster/support/processes.js";
import { argNumber, benchJob, machine } from "./support.js";

const runs = argNumber("runs", 3);
const keys = 10_000;
const rate = 20_000;
const results: number[] = [];

try {
  for (let run = 0; run < runs; run++) {
    const jm = await startJobManager({ "execution.checkpointing.dir": `/tmp/sluice-bench-tm-failover-${process.pid}` });
    const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
    const first = await startTaskManager(jm.rpcHostPort, { slots: 1 });
    let jobId = "";
    // failAt -1: no injected failure; the TaskManager is killed instead. Runs ~10 s unless stopped.
    const job = runJob(benchJob("recovery.ts"), { client, args: [keys, 256, -1, keys + rate * 10, rate].map(String), onSubmitted: (id) => (jobId = id) });
    const checkpointed = async (): Promise<boolean> =>
      jobId !== "" && ((await (await fetch(`${jm.restUrl}/jobs/${jobId}/checkpoints`)).json()) as { counts?: { completed: number } }).counts!.completed >= 2;
    while (!(await checkpointed())) await new Promise((r) => setTimeout(r, 50));
    const replacement = await startTaskManager(jm.rpcHostPort, { slots: 1 });
    const killedAt = Date.now();
    first.signal("SIGKILL");
    const line = await replacement.waitForOutput(/"firstRecordAfterRestore":(\d+)/, "the first record after the restore", 30_000);
    results.push(Number(line[1]) - killedAt);
    await client.cancel(jobId).catch(() => {});
    await job.catch(() => {});
    await killAll();
  }
} finally {
  await killAll();
}
const sorted = results.slice().sort((a, b) => a - b);
console.log(`machine: ${machine()}`);
console.log(`SIGKILL of the TaskManager → first record after recovery on the replacement: ${results.join(", ")} ms`);
console.log(`median ${sorted[Math.floor(sorted.length / 2)]} ms (target < 2000 ms)`);
