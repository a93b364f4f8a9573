/**
 * PostgresTransactionalWriter against a real PostgreSQL server: visibility around PREPARE and
 * COMMIT PREPARED, idempotence, and recovery after the writer process (and the server) is killed
 * with SIGKILL. "Nothing lost or duplicated" is checked on sequence numbers, as the HA tests do.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { siblingScript } from "../support/paths.js";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { Client } from "pg";
import { PostgresTransactionalWriter, type PostgresTransactionalWriterOptions } from "../../src/connectors/postgres/index.js";
import { startPostgres } from "../support/postgres.js";
import { usePostgres } from "../support/use-postgres.js";

const CHILD_SCRIPT = siblingScript(import.meta.url, "./postgres-2pc-crash-child.ts");

const pg = usePostgres();
let tableCounter = 0;

/** A fresh table (seq, payload) without a key, so that duplicates would show up instead of failing. */
async function freshTable(name = `t${++tableCounter}`): Promise<string> {
  await pg.admin.query(`CREATE TABLE "${name.replace(/"/g, '""')}" (seq bigint NOT NULL, payload text)`);
  return name;
}

async function seqsIn(table: string, client: Client = pg.admin): Promise<number[]> {
  const result = await client.query<{ seq: string }>(`SELECT seq FROM "${table.replace(/"/g, '""')}" ORDER BY seq`);
  return result.rows.map((r) => Number(r.seq));
}

function rows(from: number, to: number, tag = "r"): unknown[][] {
  const out: unknown[][] = [];
  for (let seq = from; seq < to; seq++) out.push([seq, `${tag}/${seq}`]);
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

async function openWriter(
  table: string,
  gidPrefix: string,
  extra: Partial<PostgresTransactionalWriterOptions> = {},
): Promise<PostgresTransactionalWriter> {
  const writer = new PostgresTransactionalWriter({
    connection: pg.server.connectionString,
    table,
    columns: ["seq", "payload"],
    gidPrefix,
    ...extra,
  });
  await writer.open();
  return writer;
}

async function preparedGids(prefix: string): Promise<string[]> {
  const result = await pg.admin.query<{ gid: string }>(
    "SELECT gid FROM pg_prepared_xacts WHERE starts_with(gid, $1) ORDER BY gid",
    [prefix],
  );
  return result.rows.map((r) => r.gid);
}

describe("PostgresTransactionalWriter", () => {
  it("keeps prepared rows invisible until commit, then shows them exactly once", async () => {
    const table = await freshTable();
    const writer = await openWriter(table, "vis:");
    try {
      await writer.beginTransaction("1");
      await writer.write("1", rows(0, 10));
      await writer.write("1", rows(10, 25));
      assert.deepEqual(await seqsIn(table), [], "open transaction is invisible");
      await writer.preCommit("1");
      assert.deepEqual(await seqsIn(table), [], "prepared transaction is invisible");
      assert.deepEqual(await preparedGids("vis:"), ["vis:1"]);

      await writer.commit("1");
      assert.deepEqual(await seqsIn(table), range(0, 25));
      assert.deepEqual(await preparedGids("vis:"), []);

      await writer.commit("1"); // a repeated notification after a crash must be harmless
      await writer.commit("never-prepared");
      assert.deepEqual(await seqsIn(table), range(0, 25));
    } finally {
      await writer.close();
    }
  });

  it("discards rows on abort, open or prepared, and aborting twice is fine", async () => {
    const table = await freshTable();
    const writer = await openWriter(table, "abort:");
    try {
      await writer.beginTransaction("open");
      await writer.write("open", rows(0, 5));
      await writer.abort("open");

      await writer.beginTransaction("prepared");
      await writer.write("prepared", rows(5, 10));
      await writer.preCommit("prepared");
      await writer.abort("prepared");
      await writer.abort("prepared");
      await writer.abort("unknown");

      assert.deepEqual(await seqsIn(table), []);
      assert.deepEqual(await preparedGids("abort:"), []);
    } finally {
      await writer.close();
    }
  });

  it("holds several transactions at once, one connection each, and splits large writes", async () => {
    const table = await freshTable();
    const writer = await openWriter(table, "multi:", { rowsPerStatement: 1000, maxConnections: 3 });
    try {
      // Checkpoint 1 pre-committed while checkpoint 2 is already being written, as in a sink.
      await writer.beginTransaction("1");
      await writer.write("1", rows(0, 2_500));
      await writer.beginTransaction("2");
      await writer.write("2", rows(2_500, 5_000));
      await writer.preCommit("1");
      await writer.write("2", rows(5_000, 5_001));
      await writer.preCommit("2");
      await writer.beginTransaction("3");
      await writer.write("3", rows(5_001, 5_010));
      await writer.commit("1");
      assert.deepEqual(await seqsIn(table), range(0, 2_500));
      await writer.commit("2");
      assert.deepEqual(await seqsIn(table), range(0, 5_001));
      await writer.abort("3");
      assert.deepEqual(await seqsIn(table), range(0, 5_001));
    } finally {
      await writer.close();
    }
  });

  it("refuses to pre-commit a transaction whose write failed, and aborts it cleanly", async () => {
    const table = await freshTable();
    const writer = await openWriter(table, "fail:");
    try {
      await writer.beginTransaction("1");
      await writer.write("1", rows(0, 3));
      await assert.rejects(writer.write("1", [[null, "violates NOT NULL"]]), /null value/);
      await assert.rejects(writer.preCommit("1"), /failed earlier and can only be aborted/);
      await writer.abort("1");
      await assert.rejects(writer.write("2", [[1]]), /not open/);
      await writer.beginTransaction("2");
      await assert.rejects(writer.write("2", [[1]]), /needs 2 values/);
      await writer.abort("2");
      assert.deepEqual(await seqsIn(table), []);
      assert.deepEqual(await preparedGids("fail:"), []);
    } finally {
      await writer.close();
    }
  });

  it("quotes table and column identifiers and the gid safely", async () => {
    const table = 'odd "table"; DROP TABLE x; --';
    await pg.admin.query(`CREATE TABLE "odd ""table""; DROP TABLE x; --" ("the ""seq""" bigint, "select" text)`);
    const writer = new PostgresTransactionalWriter({
      connection: pg.server.connectionString,
      table: { schema: "public", name: table },
      columns: ['the "seq"', "select"],
      gidPrefix: "quote's \\ gid:",
    });
    await writer.open();
    try {
      await writer.beginTransaction("it's");
      await writer.write("it's", [[1, "o'brien"], [2, 'say "hi"']]);
      await writer.preCommit("it's");
      assert.deepEqual((await writer.listPrepared()).map((p) => p.gid), ["quote's \\ gid:it's"]);
      await writer.commit("it's");
      const result = await pg.admin.query(`SELECT "the ""seq""" AS seq, "select" AS s FROM "odd ""table""; DROP TABLE x; --" ORDER BY 1`);
      assert.deepEqual(result.rows, [
        { seq: "1", s: "o'brien" },
        { seq: "2", s: 'say "hi"' },
      ]);
      await assert.rejects(writer.beginTransaction("x".repeat(200)), /PostgreSQL allows fewer than 200/);
    } finally {
      await writer.close();
    }
  });

  it("fails open() with a clear message for a missing table", async () => {
    const writer = new PostgresTransactionalWriter({
      connection: pg.server.connectionString,
      table: "no_such_table",
      columns: ["a"],
      gidPrefix: "missing:",
    });
    await assert.rejects(writer.open(), /relation "no_such_table" does not exist/);
  });

  it("recovers after the writer process is SIGKILLed: commits the checkpointed txn, aborts the rest", async () => {
    const table = await freshTable();
    const gidPrefix = "crash:job1:sink:0:";

    // Checkpoint 1 committed before the crash; the child then pre-commits checkpoints 2 and 3
    // (only 2 completes before the crash) and is writing checkpoint 4 when it is killed.
    const before = await openWriter(table, gidPrefix);
    await before.beginTransaction("1");
    await before.write("1", rows(0, 100));
    await before.preCommit("1");
    await before.commit("1");
    await before.close();

    const child = spawn(
      process.execPath,
      [
        ...CHILD_SCRIPT,
        JSON.stringify({
          connectionString: pg.server.connectionString,
          table,
          gidPrefix,
          prepared: [
            { txnId: "2", from: 100, to: 200 },
            { txnId: "3", from: 200, to: 300 },
          ],
          open: { txnId: "4", from: 300, to: 400 },
        }),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      await waitForLine(child, "READY", 20_000);
      assert.deepEqual(await seqsIn(table), range(0, 100), "nothing of the child is visible yet");
    } finally {
      child.kill("SIGKILL");
    }
    await withDeadline(once(child, "exit"), 5_000, "child exit after SIGKILL");

    const restarted = await openWriter(table, gidPrefix);
    try {
      const prepared = await restarted.listPrepared();
      assert.deepEqual(
        prepared.map((p) => p.txnId),
        ["2", "3"],
        "both pre-committed transactions survive the writer; the open one does not",
      );
      // The restored checkpoint is 2: its transaction is committed; 3 belonged to a checkpoint
      // that never completed, so its rows will be replayed by the source and must go.
      const result = await restarted.recover(["2"]);
      assert.deepEqual(result, { committed: ["2"], aborted: [`${gidPrefix}3`] });
      assert.deepEqual(await seqsIn(table), range(0, 200), "no loss, no duplicates");

      // Replay after the restored checkpoint, as the restarted job would, then a second recovery
      // (a crash during recovery) changes nothing.
      await restarted.beginTransaction("3");
      await restarted.write("3", rows(200, 400, "replayed"));
      await restarted.preCommit("3");
      await restarted.commit("3");
      assert.deepEqual(await restarted.recover(["2", "3"]), { committed: [], aborted: [] });
      assert.deepEqual(await seqsIn(table), range(0, 400));
      assert.deepEqual(await restarted.listPrepared(), []);
    } finally {
      await restarted.close();
    }
  });

  it("only recovers transactions with its own prefix", async () => {
    const table = await freshTable();
    const mine = await openWriter(table, "owner:0:");
    const other = await openWriter(table, "owner:1:");
    try {
      await mine.beginTransaction("7");
      await mine.write("7", rows(0, 1));
      await mine.preCommit("7");
      await other.beginTransaction("7");
      await other.write("7", rows(1, 2));
      await other.preCommit("7");

      assert.deepEqual(await mine.recover([]), { committed: [], aborted: ["owner:0:7"] });
      assert.deepEqual(
        (await mine.listPrepared("owner:")).map((p) => [p.gid, p.txnId]),
        [["owner:1:7", undefined]],
      );
      await other.commit("7");
      assert.deepEqual(await seqsIn(table), [1]);
    } finally {
      await mine.close();
      await other.close();
    }
  });

  // Last: it restarts the shared pg.server.
  it("keeps a prepared transaction through a PostgreSQL crash and restart", async () => {
    const table = await freshTable();
    const writer = await openWriter(table, "srvcrash:");
    await writer.beginTransaction("1");
    await writer.write("1", rows(0, 50));
    await writer.preCommit("1");
    await writer.beginTransaction("2");
    await writer.write("2", rows(50, 60));

    await pg.crashAndRestart();

    // The old writer's connections died with the server: its open transaction is gone, and its
    // pool reconnects for what comes next.
    await writer.abort("2");
    assert.deepEqual((await writer.listPrepared()).map((p) => p.txnId), ["1"]);
    await writer.close();

    const recovered = await openWriter(table, "srvcrash:");
    try {
      assert.deepEqual(await recovered.recover(["1"]), { committed: ["1"], aborted: [] });
      assert.deepEqual(await seqsIn(table), range(0, 50));
    } finally {
      await recovered.close();
    }
  });
});

describe("PostgresTransactionalWriter on a server without prepared transactions", () => {
  it("fails open() with a clear message", async () => {
    const plain = await startPostgres({ maxPreparedTransactions: 0 });
    try {
      const client = new Client({ connectionString: plain.connectionString });
      await client.connect();
      await client.query("CREATE TABLE t (a int)");
      await client.end();
      const writer = new PostgresTransactionalWriter({
        connection: plain.connectionString,
        table: "t",
        columns: ["a"],
        gidPrefix: "p:",
      });
      await assert.rejects(writer.open(), /max_prepared_transactions = 0/);
    } finally {
      await plain.stop();
    }
  });
});

async function waitForLine(child: ReturnType<typeof spawn>, line: string, timeoutMs: number): Promise<void> {
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const seen = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split("\n").includes(line)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before ${line}:\n${stdout}\n${stderr}`)));
  });
  await withDeadline(seen, timeoutMs, `child to print ${line} (stderr so far: ${stderr})`);
}

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
