/**
 * The PostgreSQL CDC source's split enumerator, in the JobMaster (docs/architecture.md, "PostgreSQL
 * CDC"). At the first start it checks the server, creates or extends the publication, creates the
 * replication slot with an exported snapshot and cuts each table into key ranges (snapshot splits)
 * inside that snapshot. Readers read the splits in parallel; when all are finished and a checkpoint
 * taken after that has completed (so every snapshot row is in the sink before any change), it
 * hands the change stream to one reader and lets the snapshot go.
 *
 * The exported snapshot lives only as long as the replication connection that created it stays
 * idle. That connection is kept in a registry of the coordinator worker, so it survives failovers
 * (enumerators are recreated per attempt in the same worker); a JobManager failover during the
 * snapshot loses it, which is reported as an error.
 */
import type pg from "pg";
import type { SplitEnumerator, SplitEnumeratorContext } from "../../../api/source.js";
import { quoteIdentifier, quoteTableName } from "../sql-text.js";
import type { CdcSplit, SnapshotSplit, SnapshotSplitFinished, StreamSplit, TableRef } from "./change-record.js";
import type { PostgresCdcOptions } from "./postgres-cdc-source.js";
import { PostgresCdcError } from "./cdc-errors.js";
import { clientConfig, createSlotWithSnapshot, openReplicationClient, type CreatedSlot } from "./replication-connection.js";

export interface CdcEnumeratorState {
  /** Set once the slot exists. */
  slot?: CreatedSlot & { tsMs: number };
  pending: SnapshotSplit[];
  /** Snapshot splits assigned and not yet reported finished. */
  assigned: string[];
  /** A checkpoint taken after all snapshot splits finished; the stream starts when one completes. */
  awaitingCheckpoint?: number;
  streamReady: boolean;
  streamAssigned: boolean;
  /** A stream split given back by a failed reader. */
  streamBack?: StreamSplit;
}

interface SnapshotHolder {
  client: pg.Client;
  slot: CreatedSlot & { tsMs: number };
}

const HOLDERS_KEY = Symbol.for("sluice.postgres-cdc.snapshot-holders");
function holders(): Map<string, SnapshotHolder> {
  const g = globalThis as { [HOLDERS_KEY]?: Map<string, SnapshotHolder> };
  return (g[HOLDERS_KEY] ??= new Map());
}

const INTEGER_TYPES = new Set([20, 21, 23]); // int8, int2, int4

export class CdcSplitEnumerator implements SplitEnumerator<CdcSplit, CdcEnumeratorState> {
  private readonly state: CdcEnumeratorState;
  private readonly waiting = new Set<number>();

  constructor(
    private readonly options: PostgresCdcOptions,
    private readonly ctx: SplitEnumeratorContext<CdcSplit>,
    state: CdcEnumeratorState | undefined,
  ) {
    this.state = state ? structuredClone(state) : { pending: [], assigned: [], streamReady: false, streamAssigned: false };
  }

  async start(): Promise<void> {
    if (this.state.slot) {
      // Restored from a completed checkpoint taken after the snapshot had finished: that is the
      // checkpoint the stream waits for, so the snapshot is no longer needed.
      if (this.state.awaitingCheckpoint !== undefined) this.state.streamReady = true;
      if (!this.state.streamReady && !holders().has(this.options.slotName)) {
        throw new PostgresCdcError(
          `the exported snapshot of replication slot "${this.options.slotName}" is gone (the JobManager restarted during the initial snapshot): drop the slot and restart the job without its state`,
        );
      }
      return;
    }
    const holder = holders().get(this.options.slotName) ?? (await this.createSlot());
    this.state.slot = holder.slot;
    this.state.pending = await this.planSnapshot(holder.slot);
    if (this.state.pending.length === 0) this.state.awaitingCheckpoint = -1;
  }

  private async createSlot(): Promise<SnapshotHolder> {
    const { default: pg } = await import("pg");
    const admin = new pg.Client(clientConfig(this.options.connection));
    await admin.connect();
    try {
      const level = (await admin.query<{ wal_level: string }>("SHOW wal_level")).rows[0]!.wal_level;
      if (level !== "logical") {
        throw new PostgresCdcError(`PostgreSQL runs with wal_level = ${level}; the CDC source needs wal_level = logical (set it in postgresql.conf and restart the server)`);
      }
      await this.ensurePublication(admin, await this.resolveTables(admin));
    } finally {
      await admin.end().catch(() => undefined);
    }
    const client = await openReplicationClient(this.options.connection);
    try {
      const created = await createSlotWithSnapshot(client, this.options.slotName);
      const holder = { client, slot: { ...created, tsMs: Date.now() } };
      holders().set(this.options.slotName, holder);
      return holder;
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
  }

  /** The tables the options name, patterns (`*`) expanded; each must exist. */
  private async resolveTables(admin: pg.Client): Promise<TableRef[]> {
    const found: TableRef[] = [];
    for (const pattern of this.options.tables) {
      const [schema, table] = pattern.includes(".") ? (pattern.split(".", 2) as [string, string]) : ["public", pattern];
      const toRegex = (glob: string): string => `^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`;
      const r = await admin.query<{ table_schema: string; table_name: string }>(
        `SELECT table_schema, table_name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema ~ $1 AND table_name ~ $2 ORDER BY 1, 2`,
        [toRegex(schema), toRegex(table)],
      );
      if (r.rows.length === 0) throw new PostgresCdcError(`no table matches "${pattern}" (option tables of the PostgreSQL CDC source)`);
      for (const row of r.rows) found.push({ schema: row.table_schema, table: row.table_name });
    }
    return found;
  }

  /** Reuses the publication (adding missing tables) or creates it. */
  private async ensurePublication(admin: pg.Client, tables: TableRef[]): Promise<void> {
    const name = this.options.publicationName;
    const existing = await admin.query<{ schemaname: string; tablename: string }>(
      "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1",
      [name],
    );
    const exists = (await admin.query("SELECT 1 FROM pg_publication WHERE pubname = $1", [name])).rows.length > 0;
    const list = (ts: TableRef[]): string => ts.map((t) => quoteTableName({ schema: t.schema, name: t.table })).join(", ");
    if (!exists) {
      await admin.query(`CREATE PUBLICATION ${quoteIdentifier(name)} FOR TABLE ${list(tables)}`);
      return;
    }
    const have = new Set(existing.rows.map((r) => `${r.schemaname}.${r.tablename}`));
    const missing = tables.filter((t) => !have.has(`${t.schema}.${t.table}`));
    if (missing.length > 0) await admin.query(`ALTER PUBLICATION ${quoteIdentifier(name)} ADD TABLE ${list(missing)}`);
  }

  /** Key ranges of every table of the publication, computed inside the exported snapshot. */
  private async planSnapshot(slot: CreatedSlot & { tsMs: number }): Promise<SnapshotSplit[]> {
    const { default: pg } = await import("pg");
    const client = new pg.Client(clientConfig(this.options.connection));
    await client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query(`SET TRANSACTION SNAPSHOT '${slot.snapshotName}'`);
      const tables = await client.query<{ schemaname: string; tablename: string }>(
        "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1, 2",
        [this.options.publicationName],
      );
      const splits: SnapshotSplit[] = [];
      for (const t of tables.rows) splits.push(...(await this.splitTable(client, { schema: t.schemaname, table: t.tablename }, slot)));
      await client.query("COMMIT");
      return splits;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async splitTable(client: pg.Client, t: TableRef, slot: CreatedSlot & { tsMs: number }): Promise<SnapshotSplit[]> {
    const qualified = quoteTableName({ schema: t.schema, name: t.table });
    const key = await client.query<{ attname: string; atttypid: number }>(
      `SELECT a.attname, a.atttypid FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
        WHERE i.indrelid = $1::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [qualified],
    );
    if (key.rows.length === 0) {
      throw new PostgresCdcError(`table ${t.schema}.${t.table} has no primary key; the PostgreSQL CDC source needs one (to split the snapshot and to key the changes)`);
    }
    const keyColumns = key.rows.map((r) => r.attname);
    const base = { kind: "snapshot" as const, schema: t.schema, table: t.table, keyColumns, snapshotName: slot.snapshotName, consistentPoint: slot.consistentPoint, snapshotTsMs: slot.tsMs };
    const whole = [{ ...base, id: `${t.schema}.${t.table}` }];
    if (keyColumns.length !== 1 || !INTEGER_TYPES.has(key.rows[0]!.atttypid)) return whole;
    const k = quoteIdentifier(keyColumns[0]!);
    const r = await client.query<{ lo: string | null; hi: string | null; n: string }>(
      `SELECT min(${k})::text AS lo, max(${k})::text AS hi, count(*)::text AS n FROM ${qualified}`,
    );
    const { lo, hi, n } = r.rows[0]!;
    const parts = Math.ceil(Number(n) / this.options.splitSize);
    if (lo === null || hi === null || parts <= 1) return whole;
    const min = BigInt(lo);
    const width = (BigInt(hi) - min + 1n) / BigInt(parts) || 1n;
    const splits: SnapshotSplit[] = [];
    // Open ends: the first and last ranges cover keys outside [min, max] too, so nothing is missed.
    for (let i = 0; i < parts; i++) {
      const from = i === 0 ? undefined : (min + width * BigInt(i)).toString();
      const to = i === parts - 1 ? undefined : (min + width * BigInt(i + 1)).toString();
      splits.push({ ...base, id: `${t.schema}.${t.table}#${i}`, ...(from !== undefined ? { lo: from } : {}), ...(to !== undefined ? { hi: to } : {}) });
    }
    return splits;
  }

  handleSplitRequest(subtask: number): void {
    this.waiting.add(subtask);
    this.serve();
  }

  private serve(): void {
    for (const subtask of [...this.waiting].sort((a, b) => a - b)) {
      if (!this.ctx.registeredReaders().has(subtask)) continue;
      const next = this.state.pending.shift();
      if (next) {
        this.waiting.delete(subtask);
        this.state.assigned.push(next.id);
        this.ctx.assignSplit(next, subtask);
      } else if (this.state.streamReady && !this.state.streamAssigned) {
        this.waiting.delete(subtask);
        this.state.streamAssigned = true;
        const split: StreamSplit = this.state.streamBack ?? { kind: "stream", lsn: this.state.slot!.consistentPoint };
        delete this.state.streamBack;
        this.ctx.assignSplit(split, subtask);
      }
    }
  }

  handleSourceEvent(_subtask: number, event: unknown): void {
    const id = (event as SnapshotSplitFinished).finishedSplit;
    if (typeof id !== "string") return;
    this.state.assigned = this.state.assigned.filter((a) => a !== id);
  }

  addSplitsBack(splits: CdcSplit[]): void {
    for (const split of splits) {
      if (split.kind === "finished") continue;
      if (split.kind === "stream") {
        this.state.streamAssigned = false;
        this.state.streamBack = split;
      } else {
        this.state.assigned = this.state.assigned.filter((a) => a !== split.id);
        this.state.pending.unshift(split);
      }
    }
    this.serve();
  }

  addReader(): void {
    // Readers ask for splits themselves when they have none.
  }

  snapshotState(checkpointId: number): CdcEnumeratorState {
    const snapshotDone = this.state.pending.length === 0 && this.state.assigned.length === 0;
    if (snapshotDone && !this.state.streamReady && this.state.awaitingCheckpoint === undefined) this.state.awaitingCheckpoint = checkpointId;
    return structuredClone(this.state);
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const awaiting = this.state.awaitingCheckpoint;
    if (this.state.streamReady || awaiting === undefined || checkpointId < awaiting) return;
    this.state.streamReady = true;
    // Every snapshot row is in a completed checkpoint: the exported snapshot is no longer needed.
    const holder = holders().get(this.options.slotName);
    holders().delete(this.options.slotName);
    await holder?.client.end().catch(() => undefined);
    this.serve();
  }
}
