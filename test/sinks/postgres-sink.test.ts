/**
 * The exactly-once PostgreSQL sink against a real server the test starts: under failures in user
 * code and at every point of the two-phase protocol the table holds every row exactly once; rows
 * are written before a checkpoint but visible only after it; recovery rolls back the prepared
 * transactions of its own subtasks that no checkpoint names, and nothing else.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { usePostgres } from "../support/use-postgres.js";
import { referenceLines, type SinkTarget } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, jobArgs } from "./sink-test-support.js";
import { assertExactlyOnceUnderFailures, assertVisibleOnlyAfterCheckpoints, oneFaultPerAttempt, sinkSpec, type SinkOutput } from "./exactly-once-scenarios.js";
import { assertSameLines } from "./same-lines.js";
import { assertCommittedThroughFinalCheckpoint, assertFinalCheckpointSurvivesFailure } from "./final-checkpoint-scenarios.js";

const pg = usePostgres();
let tables = 0;

/** No key on purpose: a duplicate must show up as a second row, not as an error. */
async function freshTable(): Promise<string> {
  const name = `out${++tables}`;
  await pg.admin.query(`CREATE TABLE ${name} (k int NOT NULL, idx bigint NOT NULL, n bigint NOT NULL, total bigint NOT NULL)`);
  return name;
}

async function tableLines(table: string): Promise<string[]> {
  const r = await pg.admin.query<{ k: number; idx: string; n: string; total: string }>(`SELECT k, idx, n, total FROM ${table}`);
  return r.rows.map((row) => `${row.k},${row.idx},${row.n},${row.total}`).sort();
}

async function preparedGids(): Promise<string[]> {
  const r = await pg.admin.query<{ gid: string }>("SELECT gid FROM pg_prepared_xacts ORDER BY gid");
  return r.rows.map((row) => row.gid);
}

function postgresTarget(table: string, prefix?: string): SinkTarget {
  return { kind: "postgres", connection: pg.server.connectionString, table, transactionIdPrefix: prefix, rowsPerStatement: 50 };
}

function rowsOf(table: string): SinkOutput {
  return {
    committed: () => tableLines(table),
    staged: preparedGids,
    // A session whose transaction has an xid has written rows that nobody else can see yet.
    writing: async () => {
      const r = await pg.admin.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()");
      return Number(r.rows[0]!.n) > 0;
    },
  };
}

describe("PostgresSink", () => {
  it("writes every row exactly once under failures at random points, at parallelism 1 and 2", async () => {
    await assertExactlyOnceUnderFailures({
      seedFor: (seed, parallelism) => seed * 7 + parallelism,
      userFailures: 2,
      // A crash at each point of the protocol: before and after PREPARE, before and after COMMIT PREPARED.
      sinkFaults: oneFaultPerAttempt(2, ["after-pre-commit", "before-commit", "after-commit", "before-pre-commit"]),
      fresh: async () => {
        const table = await freshTable();
        return { target: postgresTarget(table), output: rowsOf(table) };
      },
      restoresFromCheckpoints: false,
    });
  });

  it("rows are written before a checkpoint but become visible only when it completes", async () => {
    const table = await freshTable();
    await assertVisibleOnlyAfterCheckpoints(postgresTarget(table), rowsOf(table));
  });

  it("commits a bounded job's every row through its final checkpoint, none at end of input", async () => {
    const table = await freshTable();
    await assertCommittedThroughFinalCheckpoint(postgresTarget(table), rowsOf(table));
  });

  for (const fault of ["after-pre-commit", "before-commit"] as const) {
    it(`loses and duplicates nothing when it fails ${fault} at the final checkpoint`, async () => {
      const table = await freshTable();
      await assertFinalCheckpointSurvivesFailure(postgresTarget(table), rowsOf(table), fault);
    });
  }

  it("rolls back its own subtasks' prepared leftovers on start and leaves other sinks' alone", async () => {
    const table = await freshTable();
    const prepare = async (gid: string, idx: number): Promise<void> => {
      await pg.admin.query("BEGIN");
      await pg.admin.query(`INSERT INTO ${table} VALUES (0, $1, 0, 0)`, [idx]);
      await pg.admin.query(`PREPARE TRANSACTION '${gid}'`);
    };
    await prepare("leftover-test:0-3-c17", -1); // this sink's subtask 0, from an earlier run
    await prepare("another-sink:0-0-c1", -2);
    try {
      const count = 300;
      const result = await runJob(SINK_JOB, { args: jobArgs(sinkSpec(postgresTarget(table, "leftover-test"), { count })) });
      assert.equal(result.state, "FINISHED", result.failure?.message);
      assert.deepEqual(await preparedGids(), ["another-sink:0-0-c1"]);
      assertSameLines(await tableLines(table), referenceLines(count), "the leftover's row never became visible");
    } finally {
      await pg.admin.query("ROLLBACK PREPARED 'another-sink:0-0-c1'").catch(() => undefined);
    }
  });
});
