/**
 * PostgreSQL CDC end to end on real processes and a real server (docs/connectors.md, "PostgreSQL
 * CDC"): a table changes (inserts, updates raising a version column, deletes) while a Sluice job on a
 * JobManager and a TaskManager snapshots it and then follows its change stream, mirroring it through
 * the upsert sink into a second table. The TaskManager is SIGKILLed during the snapshot and again
 * during streaming. At the end the mirror equals the table, and the job's per-row history checker
 * (test/jobs/cdc/cdc-mirror.ts) never saw a gap or a repeat. While the TaskManager is frozen
 * between reading and checkpointing, the slot's confirmed flush LSN is at most the position the
 * job then restores from: WAL the job may still need is never released.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Client } from "pg";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { lsnFromString } from "../../src/connectors/postgres/cdc/pgoutput.js";
import { testJob } from "../support/paths.js";
import { usePostgres } from "../support/use-postgres.js";
import { waitFor } from "../support/wait.js";
import { getJson, killAll, startJobManager, startTaskManager, type JobManagerProcess, type TaskManagerProcess } from "../cluster/support/processes.js";
import { ChangeLoad } from "./cdc-support.js";

const JOB = testJob("cdc/cdc-mirror.ts");
const INITIAL_ROWS = 20_000;
const SLOT = "mirror_slot";
const pg = usePostgres({ logicalReplication: true });
const dir = mkdtempSync(join(tmpdir(), "sluice-cdc-"));
let jm: JobManagerProcess;
let client: RestClusterClient;
let tm: TaskManagerProcess;

before(async () => {
  jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  tm = await startTaskManager(jm.rpcHostPort, { slots: 2 });
});

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

async function count(sql: string): Promise<number> {
  return Number((await pg.admin.query<{ n: string }>(sql)).rows[0]!.n);
}

async function slotConfirmed(): Promise<string | null> {
  const r = await pg.admin.query<{ lsn: string | null }>("SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1", [SLOT]);
  return r.rows[0]?.lsn ?? null;
}

/** Rows of `table` as "id,version,payload" lines, sorted. */
async function contents(table: string): Promise<string[]> {
  const r = await pg.admin.query<{ line: string }>(`SELECT id || ',' || version || ',' || payload AS line FROM ${table} ORDER BY id`);
  return r.rows.map((x) => x.line);
}

async function replaceTaskManager(): Promise<void> {
  tm.signal("SIGCONT");
  tm.signal("SIGKILL");
  await tm.exited;
  tm = await startTaskManager(jm.rpcHostPort, { slots: 2 });
}

test("a table changed during and after the snapshot is mirrored exactly, through TaskManager SIGKILLs in the snapshot and in the stream", { timeout: 115_000 }, async (t) => {
  await pg.admin.query("CREATE TABLE source_rows (id int PRIMARY KEY, version int NOT NULL, payload text NOT NULL)");
  // The full old row in updates and deletes, so the checker can see the version a delete removes.
  await pg.admin.query("ALTER TABLE source_rows REPLICA IDENTITY FULL");
  await pg.admin.query("CREATE TABLE mirror (id int PRIMARY KEY, version int NOT NULL, payload text, origin text NOT NULL)");
  await pg.admin.query(`INSERT INTO source_rows SELECT i, 1, 'row ' || i FROM generate_series(1, ${INITIAL_ROWS}) i`);
  const restores = join(dir, "restores");

  const jobs = async (): Promise<string> => {
    const ids = (await getJson<{ jobs: { id: string }[] }>(jm.restUrl, "/jobs")).jobs.map((j) => j.id);
    return (await Promise.all(ids.map(async (id) => JSON.stringify(await getJson(jm.restUrl, `/jobs/${id}/exceptions`))))).join("\n").slice(0, 4000);
  };
  const loadClient = new Client({ connectionString: pg.server.connectionString });
  await loadClient.connect();
  const load = new ChangeLoad(loadClient, INITIAL_ROWS);
  load.start();
  try {
    let submitted!: (id: string) => void;
    const jobIdPromise = new Promise<string>((resolve) => (submitted = resolve));
    const result = runJob(JOB, {
      client,
      args: [pg.server.connectionString, "public.source_rows", "mirror", SLOT, "2", "300", "2000", "250", restores],
      onSubmitted: (id) => submitted(id),
    });
    const jobId = await Promise.race([jobIdPromise, result.then((r) => Promise.reject(new Error(`job ended: ${r.state} ${r.failure?.message ?? ""}`)))]);
    await waitFor(async () => (await slotConfirmed()) !== null, "the replication slot", 30_000, 50);
    const consistentPoint = (await slotConfirmed())!;

    // During the snapshot: some snapshot rows are committed to the mirror, no change yet.
    await waitFor(async () => (await count("SELECT count(*) AS n FROM mirror")) > 0, "the first snapshot rows in the mirror", 60_000, 10);
    const snapshotRows = await count("SELECT count(*) AS n FROM mirror");
    assert.equal(await count("SELECT count(*) AS n FROM mirror WHERE origin <> 'r'"), 0, "no change before the snapshot is complete");
    await replaceTaskManager();
    assert.ok(snapshotRows < INITIAL_ROWS - load.deletes, `killed during the snapshot (${snapshotRows} rows mirrored)`);

    // During streaming: changes reach the mirror; then freeze the TaskManager between read and checkpoint.
    await waitFor(async () => (await count("SELECT count(*) AS n FROM mirror WHERE origin <> 'r'")) > 50, "changes in the mirror", 90_000, 50);
    await waitFor(async () => (await slotConfirmed()) !== consistentPoint, "the slot to confirm a checkpoint", 30_000, 50);
    tm.signal("SIGSTOP");
    await new Promise((r) => setTimeout(r, 500)); // the load goes on: the job has read what no checkpoint covers
    const confirmedWhileStopped = (await slotConfirmed())!;
    const restoresBefore = existsSync(restores) ? readFileSync(restores, "utf8").split("\n").filter(Boolean).length : 0;
    await replaceTaskManager();
    await waitFor(() => existsSync(restores) && readFileSync(restores, "utf8").split("\n").filter(Boolean).length > restoresBefore, "the stream reader restored", 60_000, 50);
    const resumedFrom = readFileSync(restores, "utf8").split("\n").filter(Boolean)[restoresBefore]!;
    assert.ok(
      lsnFromString(confirmedWhileStopped) <= lsnFromString(resumedFrom),
      `the slot confirmed ${confirmedWhileStopped}, beyond the checkpoint the job restored (${resumedFrom})`,
    );
    assert.ok(lsnFromString(confirmedWhileStopped) > lsnFromString(consistentPoint), "the slot advanced with completed checkpoints");

    await new Promise((r) => setTimeout(r, 2_000));
    await load.stop();
    assert.ok(load.updates > 0 && load.inserts > 0 && load.deletes > 0, `load: ${JSON.stringify(load)}`);
    const expected = await contents("source_rows");
    let mirrored: string[] = [];
    await waitFor(async () => (mirrored = await contents("mirror")).length === expected.length && mirrored.join() === expected.join(), "the mirror to equal the table", 60_000, 200).catch(
      (err: unknown) => {
        assert.deepEqual(mirrored, expected, `${String(err)}`);
      },
    );
    t.diagnostic(`snapshot rows at the first kill: ${snapshotRows}; slot: ${consistentPoint} → ${confirmedWhileStopped} (frozen), resumed from ${resumedFrom}; load: ${load.inserts} inserts, ${load.updates} updates, ${load.deletes} deletes; ${expected.length} rows mirrored`);
    const exceptions = JSON.stringify(await getJson(jm.restUrl, `/jobs/${jobId}/exceptions`));
    assert.doesNotMatch(exceptions, /gap or repeat/);
    assert.equal((await client.details(jobId)).state, "RUNNING");
    await client.cancel(jobId);
    await result.catch(() => undefined);
  } catch (err) {
    throw new Error(`${String(err)}\n--- job exceptions:\n${await jobs().catch(String)}\n--- JobManager:\n${jm.stderr().slice(-3000)}`, { cause: err });
  } finally {
    await load.stop();
    await loadClient.end();
  }
});
