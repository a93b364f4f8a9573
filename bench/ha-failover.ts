/**
 * JobManager failover time with ZooKeeper HA: a private ZooKeeper, two JobManager
 * processes (leader + standby) and two TaskManager processes run a checkpointed keyed job; the
 * leading JobManager is killed with SIGKILL and the time until the recovered job processes its
 * first record is measured (the job prints the wall-clock time of the first record after each
 * restart). A replacement standby is started after each kill. Target: under 5 s (Flink's default
 * ZooKeeper session timeout alone is 60 s). The ZooKeeper session timeout bounds how soon a killed
 * leader's latch node disappears, so it is printed with the figures.
 * Run: npx tsc -p tsconfig.json && node dist/bench/ha-failover.js [--runs N] [--session-timeout MS]
 */
import { HaCluster } from "../test/ha-cluster/support/ha-cluster.js";
import { argNumber, benchJob, machine } from "./support.js";

const runs = argNumber("runs", 3);
const sessionTimeoutMs = argNumber("session-timeout", 2000);
const PROBE = /\[failover-probe\] first record at (\d+)/g;

function firstRecordAfter(text: string, since: number): number | undefined {
  let first: number | undefined;
  for (const m of text.matchAll(PROBE)) {
    const at = Number(m[1]);
    if (at >= since && (first === undefined || at < first)) first = at;
  }
  return first;
}

function logTime(text: string, pattern: RegExp, since: number): number | undefined {
  for (const line of text.split("\n")) {
    if (!pattern.test(line)) continue;
    const at = Date.parse(line.slice(0, 24));
    if (at >= since) return at;
  }
  return undefined;
}

async function main(): Promise<void> {
  const cluster = await HaCluster.start({
    "high-availability.zookeeper.client.session-timeout": String(sessionTimeoutMs),
    "heartbeat.interval": "500",
    "heartbeat.timeout": "4000",
  });
  try {
    await cluster.startJobManager();
    await cluster.leader();
    await cluster.startJobManager();
    await Promise.all([cluster.startTaskManager(), cluster.startTaskManager()]);
    const jobId = await cluster.submit(benchJob("failover-probe.ts"), ["2000", "200"]);
    console.log(`HA failover: ${machine()}; ZooKeeper session timeout ${sessionTimeoutMs} ms, checkpoints every 200 ms`);
    const totals: number[] = [];
    for (let run = 1; run <= runs; run++) {
      await cluster.waitUntilRunningWithCheckpoint(jobId);
      const leader = await cluster.leader();
      const killedAt = Date.now();
      leader.signal("SIGKILL");
      await leader.exited;
      const replacement = cluster.startJobManager();
      const next = await cluster.leader(30_000, leader);
      let recordAt: number | undefined;
      const deadline = Date.now() + 60_000;
      while (recordAt === undefined && Date.now() < deadline) {
        recordAt = cluster.taskManagers.map((tm) => firstRecordAfter(tm.stdout(), killedAt)).filter((t) => t !== undefined).sort()[0];
        if (recordAt === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      await replacement;
      if (recordAt === undefined) throw new Error("the recovered job processed no record within 60 s");
      const grantedAt = logTime(next.stderr(), /granted leadership/, killedAt);
      const recoveredAt = logTime(next.stderr(), /recovered job/, killedAt);
      const total = recordAt - killedAt;
      totals.push(total);
      console.log(
        `  run ${run}: SIGKILL → first record of the recovered job ${total} ms` +
          ` (new leader elected after ${grantedAt !== undefined ? grantedAt - killedAt : "?"} ms, job recovered after ${recoveredAt !== undefined ? recoveredAt - killedAt : "?"} ms)`,
      );
    }
    const sorted = [...totals].sort((a, b) => a - b);
    console.log(`  median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted[sorted.length - 1]} ms over ${runs} failovers (target < 5000 ms)`);
  } finally {
    await cluster.close();
  }
}

await main();
