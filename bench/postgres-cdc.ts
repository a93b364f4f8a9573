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
import { ReplicationStream, openReplicationClient } from "../src/connectors/postgres/cdc/replication-connection.js";
import { parsePgOutput } from "../src/connectors/postgres/cdc/pgoutput.js";
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

/** Reads a slot's stream and counts inserts and updates: the least a CDC reader must do. */
class PlainLoop {
  private count = 0;
  private finished: (() => void) | undefined;
  private constructor(
    private readonly client: Client,
    private readonly target: number,
  ) {}

  static async open(connection: string, target: number): Promise<PlainLoop> {
    const setup = new Client({ connectionString: connection });
    await setup.connect();
    const consistent = (await setup.query<{ lsn: string }>("SELECT lsn::text FROM pg_create_logical_replication_slot('reference', 'pgoutput')")).rows[0]!.lsn;
    await setup.end();
    const client = await openReplicationClient(connection);
    const loop = new PlainLoop(client, target);
    client.query(
      new ReplicationStream("reference", "bench_pub", consistent, {
        onData: (data) => loop.onData(data),
        onError: (err) => {
          if (loop.finished) console.error("the reference's stream failed:", err);
        },
        onEnd: () => undefined,
      }) as never,
    );
    loop.socket().pause();
    return loop;
  }

  private socket(): { pause(): void; resume(): void } {
    return (this.client as unknown as { connection: { stream: { pause(): void; resume(): void } } }).connection.stream;
  }

  private onData(data: Buffer): void {
    const m = parsePgOutput(data);
    if ((m.kind === "insert" || m.kind === "update") && ++this.count === this.target) this.finished?.();
  }

  /** Resumes the socket; resolves with the ms until `target` changes were decoded. */
  async run(): Promise<number> {
    const t0 = Date.now();
    await new Promise<void>((resolve) => {
      this.finished = resolve;
      this.socket().resume();
    });
    const ms = Date.now() - t0;
    this.finished = undefined; // its connection ends now, on purpose
    await this.client.end().catch(() => undefined);
    return ms;
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
  // The reference, a plain loop over the replication protocol in this process, is connected during
  // the load too, its socket paused like the job's frozen task: both walsenders may decode ahead
  // as far as the sockets' buffers let them.
  const plain = await PlainLoop.open(server.connectionString, changes);
  await admin.query("SELECT pg_create_logical_replication_slot('cold_reference', 'pgoutput')");
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

  const referenceMs = await plain.run();

  // pg_recvlogical, started after the load (cold: its walsender decodes all of it), to the end LSN.
  const r0 = Date.now();
  const recv = spawnSync(join(readdirBin(), "pg_recvlogical"), ["-d", server.connectionString, "-S", "cold_reference", "--start", "-E", endLsn, "-o", "proto_version=1", "-o", "publication_names=bench_pub", "-f", "/dev/null"], { encoding: "utf8", timeout: 600_000 });
  const recvMs = Date.now() - r0;
  if (recv.status !== 0) throw new Error(`pg_recvlogical failed: ${recv.stderr}`);

  const lagRows = await admin.query<{ slot_name: string; lag: string }>("SELECT slot_name, pg_wal_lsn_diff($1, confirmed_flush_lsn)::text AS lag FROM pg_replication_slots ORDER BY 1", [endLsn]);
  console.log(`PostgreSQL CDC: ${changes} changes (inserts and updates, ${perTxn} per transaction), written in ${loadMs} ms; ${machine()}`);
  console.log(`  Sluice job (PostgresCdcSource → discard, p=1):  ${sluiceMs} ms  ${rate(changes, sluiceMs)}`);
  console.log(`  plain loop (replication protocol + pgoutput decoding, this process): ${referenceMs} ms  ${rate(changes, referenceMs)}`);
  console.log(`  ratio Sluice / plain loop: ${(referenceMs / sluiceMs).toFixed(2)} (target ≥ 0.5)`);
  console.log(`  pg_recvlogical, started after the load, to ${endLsn}: ${recvMs} ms  ${rate(changes, recvMs)} (ratio Sluice / it: ${(recvMs / sluiceMs).toFixed(2)})`);
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
