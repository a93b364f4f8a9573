/**
 * PostgreSQL CDC throughput: change events per second that a Sluice job (PostgresCdcSource into a
 * discarding sink, parallelism 1, on the MiniCluster) reads from a backlog of insert/update
 * transactions, against pg_recvlogical reading the same backlog from its own pgoutput slot to the
 * same end LSN, in the same run on the same server. Both slots exist before the load; the job's task
 * is held (bench/jobs/cdc-count.ts) while the load writes, so both read a backlog of the same size.
 * Run: npm run build && node dist/bench/postgres-cdc.js [--changes N] [--per-txn M]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { runJob } from "../src/client/job-runner.js";
import type { ClusterClient } from "../src/client/cluster-client.js";
import { startPostgres } from "../test/support/postgres.js";
import { argNumber, benchJob, machine, rate } from "./support.js";

const changes = argNumber("changes", 100_000);
const perTxn = argNumber("per-txn", 10);
const dir = mkdtempSync(join(tmpdir(), "sluice-bench-cdc-"));
const gate = join(dir, "gate");
const gated = join(dir, "gated");
const done = join(dir, "done");

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const server = await startPostgres({ logicalReplication: true });
const admin = new Client({ connectionString: server.connectionString });
await admin.connect();
let cancel: (() => Promise<void>) | undefined;
try {
  await admin.query("CREATE TABLE bench_rows (id int PRIMARY KEY, version int NOT NULL, payload text NOT NULL)");
  await admin.query("CREATE PUBLICATION bench_pub FOR TABLE bench_rows");
  const job = runJob(benchJob("cdc-count.ts"), {
    args: [server.connectionString, "public.bench_rows", "sluice_bench", String(changes), gate, gated, done],
    onSubmitted: (jobId: string, client: ClusterClient) => {
      cancel = () => client.cancel(jobId);
    },
  });
  job.catch(() => undefined);
  // The job's stream is open once its slot is active.
  await until(async () => (await admin.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = 'sluice_bench' AND active")).rows.length > 0, "the job's change stream");
  await admin.query("INSERT INTO bench_rows VALUES (0, 1, 'gate')");
  await until(() => existsSync(gated), "the job to hold at the gate row");
  await admin.query("SELECT pg_create_logical_replication_slot('reference', 'pgoutput')");

  // The load: transactions of `perTxn` changes, inserts of new rows and updates of earlier ones.
  const started = Date.now();
  let next = 1;
  for (let written = 0; written < changes; ) {
    const statements: string[] = [];
    for (let i = 0; i < perTxn && written < changes; i++, written++) {
      if (next > 100 && written % 2 === 1) statements.push(`UPDATE bench_rows SET version = version + 1 WHERE id = ${1 + (written % (next - 1))}`);
      else statements.push(`INSERT INTO bench_rows VALUES (${next}, 1, 'payload of row ${next++} ${"x".repeat(40)}')`);
    }
    await admin.query(`BEGIN; ${statements.join("; ")}; COMMIT`);
  }
  const loadMs = Date.now() - started;
  const endLsn = (await admin.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;

  const t0 = Date.now();
  writeFileSync(gate, "");
  await until(() => existsSync(done), "the job to count every change", 600_000);
  const sluiceMs = Number(readFileSync(done, "utf8")) - t0;

  const bin = readdirBin();
  const r0 = Date.now();
  const ref = spawnSync(join(bin, "pg_recvlogical"), ["-d", server.connectionString, "-S", "reference", "--start", "-E", endLsn, "-o", "proto_version=1", "-o", "publication_names=bench_pub", "-f", "/dev/null"], { encoding: "utf8", timeout: 600_000 });
  const referenceMs = Date.now() - r0;
  if (ref.status !== 0) throw new Error(`pg_recvlogical failed: ${ref.stderr}`);

  const lagRows = await admin.query<{ slot_name: string; lag: string }>("SELECT slot_name, pg_wal_lsn_diff($1, confirmed_flush_lsn)::text AS lag FROM pg_replication_slots ORDER BY 1", [endLsn]);
  console.log(`PostgreSQL CDC: ${changes} changes (inserts and updates, ${perTxn} per transaction), written in ${loadMs} ms; ${machine()}`);
  console.log(`  Sluice job (PostgresCdcSource → discard, p=1):  ${sluiceMs} ms  ${rate(changes, sluiceMs)}`);
  console.log(`  pg_recvlogical (pgoutput, same WAL, to ${endLsn}): ${referenceMs} ms  ${rate(changes, referenceMs)}`);
  console.log(`  ratio Sluice / pg_recvlogical: ${(referenceMs / sluiceMs).toFixed(2)} (target ≥ 0.5)`);
  console.log(`  slots' confirmed LSN behind the end (bytes): ${lagRows.rows.map((r) => `${r.slot_name} ${r.lag}`).join(", ")}`);
} finally {
  await cancel?.().catch(() => undefined);
  await admin.end().catch(() => undefined);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);

/** The newest installed PostgreSQL's bin directory (where startPostgres found initdb). */
function readdirBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return join(base, versions[0]!, "bin");
}
