/**
 * The PostgreSQL CDC source against a real server (docs/connectors.md, "PostgreSQL CDC"), its
 * enumerator and readers driven in this process by InProcessSource: Debezium-shaped records with
 * commit time as event time; a table cut into key ranges read by parallel readers, every row once;
 * a column added while streaming shows up in the next record; the publication is reused and
 * extended; a server without wal_level=logical and a dropped slot give clear errors. Also the
 * upsert mode of the transactional writer: one batch with several changes of a key keeps the last.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { PostgresTransactionalWriter } from "../../src/connectors/postgres/index.js";
import { PostgresCdcError, PostgresCdcSource, type CdcSplit, type ChangeRecord } from "../../src/connectors/postgres/index.js";
import type { CdcEnumeratorState } from "../../src/connectors/postgres/cdc/cdc-enumerator.js";
import { startPostgres } from "../support/postgres.js";
import { usePostgres } from "../support/use-postgres.js";
import { InProcessSource } from "./cdc-harness.js";

const pg = usePostgres({ logicalReplication: true });
const running: InProcessSource<unknown, CdcSplit, CdcEnumeratorState>[] = [];

after(async () => {
  for (const s of running) await s.close();
});

type Row = Record<string, unknown>;

function cdc(slot: string, tables: string[], parallelism = 1, splitSize = 1000): InProcessSource<ChangeRecord<Row>, CdcSplit, CdcEnumeratorState> {
  const source = PostgresCdcSource.builder<Row>().connection(pg.server.connectionString).tables(...tables).slotName(slot).splitSize(splitSize).fetchSize(300).build();
  const harness = new InProcessSource(source, parallelism);
  running.push(harness as InProcessSource<unknown, CdcSplit, CdcEnumeratorState>);
  return harness;
}

/** Ends the sessions that hold exported snapshots, so the slot and the test can go. */
async function releaseSnapshots(): Promise<void> {
  await pg.admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'walsender' AND state <> 'active'");
}

describe("PostgresCdcSource", () => {
  it("reads the snapshot, then inserts, updates and deletes as Debezium records with commit time as event time", async () => {
    await pg.admin.query("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, balance bigint)");
    await pg.admin.query("ALTER TABLE customers REPLICA IDENTITY FULL");
    await pg.admin.query("INSERT INTO customers SELECT i, 'c' || i, i * 10 FROM generate_series(1, 10) i");
    const s = cdc("shape_slot", ["customers"]);
    await s.start();
    await s.pollUntil(() => s.emitted.length === 10, "the snapshot");
    const read = s.emitted[0]!.value;
    assert.equal(read.op, "r");
    assert.equal(read.before, null);
    assert.deepEqual(read.after, { id: 1, name: "c1", balance: "10" }); // bigint as node-postgres gives it
    assert.equal(read.source.snapshot, true);
    assert.equal(read.source.table, "customers");
    assert.equal(read.source.schema, "public");

    // The stream starts once a checkpoint taken after the snapshot's last row has completed.
    await s.checkpointUntil(() => s.assignments.some((a) => a.split.kind === "stream"), "the stream split");
    const before = Date.now();
    await pg.admin.query("BEGIN");
    await pg.admin.query("INSERT INTO customers VALUES (11, 'new', 5)");
    await pg.admin.query("UPDATE customers SET name = 'renamed' WHERE id = 2");
    await pg.admin.query("DELETE FROM customers WHERE id = 3");
    const xid = Number((await pg.admin.query<{ x: string }>("SELECT txid_current()::text AS x")).rows[0]!.x);
    await pg.admin.query("COMMIT");
    const afterCommit = Date.now();
    await s.pollUntil(() => s.emitted.length === 13, "the three changes");
    const [c, u, d] = s.emitted.slice(10);
    assert.deepEqual([c!.value.op, u!.value.op, d!.value.op], ["c", "u", "d"]);
    assert.deepEqual(c!.value.after, { id: 11, name: "new", balance: "5" });
    assert.equal(c!.value.before, null);
    assert.deepEqual(u!.value.before, { id: 2, name: "c2", balance: "20" });
    assert.deepEqual(u!.value.after, { id: 2, name: "renamed", balance: "20" });
    assert.deepEqual(d!.value.before, { id: 3, name: "c3", balance: "30" });
    assert.equal(d!.value.after, null);
    for (const e of [c!, u!, d!]) {
      assert.equal(e.value.source.txId, xid);
      assert.equal(e.value.source.snapshot, false);
      assert.match(e.value.source.lsn, /^[0-9A-F]+\/[0-9A-F]+$/);
      assert.equal(e.timestamp, e.value.source.ts_ms, "event time is the commit time");
      // Clocks of server and test are the same machine's; a little slack for rounding.
      assert.ok(e.value.source.ts_ms >= before - 5 && e.value.source.ts_ms <= afterCommit + 5, `commit time ${e.value.source.ts_ms} in [${before}, ${afterCommit}]`);
    }

    // A column added while streaming reaches the next records, without a restart.
    await pg.admin.query("ALTER TABLE customers ADD COLUMN tier text");
    await pg.admin.query("INSERT INTO customers VALUES (12, 'tiered', 1, 'gold')");
    await s.pollUntil(() => s.emitted.length === 14, "the insert after ALTER TABLE");
    assert.deepEqual(s.emitted[13]!.value.after, { id: 12, name: "tiered", balance: "1", tier: "gold" });
    await s.close();
    await releaseSnapshots();
  });

  it("cuts a large table into key ranges that parallel readers read, every row once; the publication is reused and extended", async () => {
    await pg.admin.query("CREATE TABLE big (id bigint PRIMARY KEY, v int)");
    await pg.admin.query("INSERT INTO big SELECT i, i FROM generate_series(1, 5000) i");
    await pg.admin.query("CREATE TABLE other (k text PRIMARY KEY)");
    await pg.admin.query("INSERT INTO other VALUES ('a'), ('b')");
    await pg.admin.query("CREATE PUBLICATION shared_pub FOR TABLE other");
    const source = PostgresCdcSource.builder<Row>().connection(pg.server.connectionString).tables("public.big", "public.oth*").slotName("split_slot").publicationName("shared_pub").splitSize(1000).fetchSize(300).build();
    const s = new InProcessSource(source, 2);
    running.push(s as InProcessSource<unknown, CdcSplit, CdcEnumeratorState>);
    await s.start();
    await s.pollUntil(() => s.emitted.length >= 5002, "the snapshot of both tables");
    const bigIds = s.emitted.filter((e) => e.value.source.table === "big").map((e) => Number(e.value.after!.id)).sort((a, b) => a - b);
    assert.deepEqual(bigIds, Array.from({ length: 5000 }, (_, i) => i + 1), "every row once");
    const rangeSplits = s.assignments.filter((a) => a.split.kind === "snapshot" && a.split.table === "big");
    assert.equal(rangeSplits.length, 5, "5000 rows in splits of 1000");
    assert.deepEqual(new Set(rangeSplits.map((a) => a.subtask)), new Set([0, 1]), "both readers read ranges");
    assert.deepEqual(new Set(s.emitted.filter((e) => e.value.source.table === "big").map((e) => e.subtask)), new Set([0, 1]));
    const published = await pg.admin.query<{ t: string }>("SELECT tablename AS t FROM pg_publication_tables WHERE pubname = 'shared_pub' ORDER BY 1");
    assert.deepEqual(published.rows.map((r) => r.t), ["big", "other"]);
    await s.close();
    await releaseSnapshots();
  });

  it("a dropped slot gives an error naming the slot", async () => {
    await pg.admin.query("CREATE TABLE dropped (id int PRIMARY KEY)");
    const s = cdc("doomed_slot", ["dropped"]);
    await s.start();
    const { enumerator, readers } = await s.checkpointUntil(() => s.assignments.some((a) => a.split.kind === "stream"), "the stream split");
    await s.close();
    await pg.admin.query("SELECT pg_drop_replication_slot('doomed_slot')");
    const restored = cdc("doomed_slot", ["dropped"]);
    const stream = s.assignments.find((a) => a.split.kind === "stream")!;
    const states = readers.map((r, i) => (i === stream.subtask ? [...r, stream.split] : r));
    await restored.start(enumerator, states);
    await assert.rejects(
      restored.pollUntil(() => false, "an error", 20_000),
      (err: Error) => err instanceof PostgresCdcError && /replication slot "doomed_slot" does not exist/.test(err.message),
    );
  });

  it("a server without wal_level=logical gives an error naming the setting", async () => {
    const plain = await startPostgres();
    try {
      const source = PostgresCdcSource.builder<Row>().connection(plain.connectionString).tables("anything").slotName("never").build();
      const s = new InProcessSource(source, 1);
      await assert.rejects(s.start(), (err: Error) => err instanceof PostgresCdcError && /wal_level = replica; the CDC source needs wal_level = logical/.test(err.message));
    } finally {
      await plain.stop();
    }
  });
});

describe("PostgresTransactionalWriter, upsert mode", () => {
  it("folds several changes of one key in a batch to the last: inserts, updates and deletes by key", async () => {
    await pg.admin.query("CREATE TABLE upserted (id int PRIMARY KEY, v text)");
    await pg.admin.query("INSERT INTO upserted VALUES (1, 'old'), (2, 'gone')");
    const w = new PostgresTransactionalWriter({ connection: pg.server.connectionString, table: "upserted", columns: ["id", "v"], primaryKey: ["id"], gidPrefix: "upsert-test:" });
    await w.open();
    try {
      await w.beginTransaction("t1");
      await w.writeChanges("t1", [
        { row: [1, "a"], delete: false },
        { row: [3, "x"], delete: false },
        { row: [1, "b"], delete: false },
        { row: [2, null], delete: true },
        { row: [3, null], delete: true },
        { row: [4, "y"], delete: true },
        { row: [4, "z"], delete: false },
      ]);
      await w.preCommit("t1");
      assert.deepEqual((await pg.admin.query("SELECT * FROM upserted ORDER BY id")).rows, [{ id: 1, v: "old" }, { id: 2, v: "gone" }], "invisible before commit");
      await w.commit("t1");
      assert.deepEqual((await pg.admin.query("SELECT * FROM upserted ORDER BY id")).rows, [{ id: 1, v: "b" }, { id: 4, v: "z" }]);
    } finally {
      await w.close();
    }
  });
});
