/**
 * Reads one snapshot split (docs/architecture.md, "PostgreSQL CDC"): the rows of a key range, in key
 * order, in batches, inside a REPEATABLE READ transaction that imports the slot's exported snapshot,
 * so every reader sees the table as of the slot's consistent point. Progress is the key of the last
 * row emitted; a restored split goes on after it, in the same snapshot.
 */
import type pg from "pg";
import { quoteIdentifier, quoteTableName } from "../sql-text.js";
import type { ChangeRecord, SnapshotSplit } from "./change-record.js";
import { PostgresCdcError } from "./cdc-errors.js";
import { clientConfig } from "./replication-connection.js";
import { sqlStateOf } from "../pg-errors.js";

export class SnapshotSplitReader {
  private client: pg.Client | undefined;
  private rows: Record<string, unknown>[] = [];
  private fetching: Promise<void> | undefined;
  private exhausted = false;
  failure: unknown;

  constructor(
    readonly split: SnapshotSplit,
    private readonly connection: string | pg.ClientConfig,
    private readonly batchSize: number,
  ) {}

  /** Starts fetching the next batch if none is buffered; resolves when it is. */
  fill(): Promise<void> {
    if (this.rows.length > 0 || this.exhausted || this.failure !== undefined) return Promise.resolve();
    return (this.fetching ??= this.fetch()
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => {
        this.fetching = undefined;
      }));
  }

  get done(): boolean {
    return this.exhausted && this.rows.length === 0;
  }

  get buffered(): number {
    return this.rows.length;
  }

  /** The next buffered row as a read record; advances the split's progress. */
  next(): ChangeRecord<Record<string, unknown>> | undefined {
    const row = this.rows.shift();
    if (!row) return undefined;
    const s = this.split;
    s.after = s.keyColumns.map((k) => row[k]);
    return {
      op: "r",
      before: null,
      after: row,
      source: { lsn: s.consistentPoint, txId: null, schema: s.schema, table: s.table, ts_ms: s.snapshotTsMs, snapshot: true },
      ts_ms: Date.now(),
    };
  }

  private async fetch(): Promise<void> {
    const client = await this.connect();
    const s = this.split;
    const keys = s.keyColumns.map(quoteIdentifier);
    const where: string[] = [];
    const params: unknown[] = [];
    if (s.lo !== undefined) where.push(`${keys[0]} >= $${params.push(s.lo)}`);
    if (s.hi !== undefined) where.push(`${keys[0]} < $${params.push(s.hi)}`);
    if (s.after) where.push(`(${keys.join(", ")}) > (${s.after.map((v) => `$${params.push(v)}`).join(", ")})`);
    const text = `SELECT * FROM ${quoteTableName({ schema: s.schema, name: s.table })}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${keys.join(", ")} LIMIT ${this.batchSize}`;
    const r = await client.query<Record<string, unknown>>(text, params);
    this.rows = r.rows;
    if (r.rows.length < this.batchSize) {
      this.exhausted = true;
      await this.close();
    }
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const { default: pg } = await import("pg");
    const client = new pg.Client(clientConfig(this.connection));
    client.on("error", () => undefined);
    await client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query(`SET TRANSACTION SNAPSHOT '${this.split.snapshotName.replace(/'/g, "''")}'`);
    } catch (err) {
      await client.end().catch(() => undefined);
      if (sqlStateOf(err) === "22023") {
        throw new PostgresCdcError(`the exported snapshot ${this.split.snapshotName} of the CDC source no longer exists (its JobManager connection closed): drop the slot and restart the job without its state`, { cause: err });
      }
      throw err;
    }
    this.client = client;
    return client;
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
