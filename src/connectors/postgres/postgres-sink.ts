/**
 * An exactly-once PostgreSQL sink on the two-phase-commit base: each checkpoint interval's rows of
 * one subtask are one database transaction, PREPAREd when the barrier passes and COMMIT PREPARED
 * when the checkpoint completes (PostgresTransactionalWriter does the SQL).
 *
 * Global transaction ids are `<prefix>:<subtask>-<attempt>-<start|c<checkpoint>>`: the subtask,
 * the run (attempt) and the checkpoint whose barrier began the transaction. So they never repeat
 * within a job, and a restarted subtask finds every leftover of the subtasks it owns by prefix in
 * pg_prepared_xacts, whatever run left it there.
 *
 * Crash at any point: before PREPARE the open transaction dies with its connection; between
 * PREPARE and the checkpoint's completion the prepared transaction is a leftover that recovery
 * rolls back (the replay writes its rows again); after completion it is in the checkpoint, so
 * recovery commits it, and COMMIT PREPARED of an already committed gid counts as done.
 *
 * Rows are sent while the transaction is open, in statements of `rowsPerStatement` rows, so memory
 * stays bounded; more than one statement in flight backpressures the task.
 */
import type { PoolConfig } from "pg";
import type { RecoveryRequest, TransactionInfo, TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
import type { TableName } from "./sql-text.js";
import type { PostgresTransactionalWriter } from "./transactional-writer.js";
// A short stable hash keeps a long uid from pushing the gid past PostgreSQL's 200 bytes.
import { shortHash } from "../common/string-hash.js";

export interface PostgresSinkOptions<T> {
  /** A connection string (`postgresql://user@host:port/db`) or node-postgres pool settings. */
  connection: string | PoolConfig;
  /** Target table; a plain string is one identifier (not split on dots). */
  table: string | TableName;
  /** Columns of the INSERT. */
  columns: readonly string[];
  /** One value per column, in the order of `columns`. */
  toRow: (value: T) => readonly unknown[];
  /**
   * Prefix of the global transaction ids; it must be unique per sink among everything that
   * prepares transactions in the database. Default `sluice:<job id>:<hash of the sink's uid>`.
   * Give a stable one to have a job resumed from a savepoint clean up what its predecessor left.
   */
  transactionIdPrefix?: string;
  /**
   * Upsert mode (for changelogs such as PostgresCdcSource's records): the key columns, a subset of
   * `columns`. Rows are inserted or update the row of their key (INSERT … ON CONFLICT DO UPDATE),
   * and values for which `isDelete` is true delete the row of their key, exactly once like the
   * append mode. Without it, rows are appended.
   */
  primaryKey?: readonly string[];
  /** Upsert mode: true for a value that deletes its key's row (its key columns come from toRow). */
  isDelete?: (value: T) => boolean;
  /** Rows per INSERT statement. Default 1000. */
  rowsPerStatement?: number;
  /** Pool size per subtask. Default 4. */
  maxConnections?: number;
  connectTimeoutMs?: number;
}

/** A transaction of the PostgreSQL sink, by its id (the gid without the prefix). */
export interface PostgresTransaction {
  id: string;
}

export class PostgresSink<T> implements TwoPhaseCommitSink<T, PostgresTransaction> {
  constructor(private readonly options: PostgresSinkOptions<T>) {
    if (options.columns.length === 0) throw new Error("PostgresSink needs at least one column");
    if (options.isDelete && !options.primaryKey) throw new Error("PostgresSink: isDelete needs the upsert mode, so give primaryKey too");
  }

  async createTransactionalWriter(ctx: TwoPhaseCommitContext): Promise<TwoPhaseCommitWriter<T, PostgresTransaction>> {
    // Loaded here, not at import: every worker imports the API, few jobs write to PostgreSQL.
    const { PostgresTransactionalWriter } = await import("./transactional-writer.js");
    const o = this.options;
    const gidPrefix = `${o.transactionIdPrefix ?? `sluice:${ctx.jobId}:${shortHash(ctx.operatorUid)}`}:`;
    const rowsPerStatement = o.rowsPerStatement ?? 1000;
    const db = new PostgresTransactionalWriter({
      connection: o.connection,
      table: o.table,
      columns: o.columns,
      gidPrefix,
      rowsPerStatement,
      ...(o.primaryKey ? { primaryKey: o.primaryKey } : {}),
      maxConnections: o.maxConnections,
      connectTimeoutMs: o.connectTimeoutMs,
    });
    await db.open();
    return new PostgresSinkWriter<T>(db, gidPrefix, ctx, o.toRow, rowsPerStatement, o.primaryKey ? (o.isDelete ?? (() => false)) : undefined);
  }
}

/** At most this many INSERT statements queued per subtask before the task stops reading input. */
const MAX_STATEMENTS_IN_FLIGHT = 2;

interface OpenTransaction {
  /** Rows not yet handed to an INSERT. */
  rows: (readonly unknown[])[];
  /** Upsert mode: per row, whether it deletes its key. */
  deletes: boolean[];
  count: number;
  /** True once BEGIN has run (lazily, with the first statement). */
  begun: boolean;
  /** The transaction's statements, one after another. Never rejects: see `failure`. */
  work: Promise<void>;
  failure: unknown;
}

class PostgresSinkWriter<T> implements TwoPhaseCommitWriter<T, PostgresTransaction> {
  private readonly open = new Map<string, OpenTransaction>();
  /** Pre-committed without a row: nothing was prepared, so commit has nothing to do. */
  private readonly empty = new Set<string>();
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly db: PostgresTransactionalWriter,
    private readonly gidPrefix: string,
    private readonly ctx: TwoPhaseCommitContext,
    private readonly toRow: (value: T) => readonly unknown[],
    private readonly rowsPerStatement: number,
    /** Set in upsert mode. */
    private readonly isDelete: ((value: T) => boolean) | undefined,
  ) {}

  async recover({ toCommit, ownedSubtasks }: RecoveryRequest<PostgresTransaction>): Promise<void> {
    const keep = new Set<string>();
    for (const txn of toCommit) {
      await this.db.commit(txn.id);
      keep.add(txn.id);
    }
    // Only the owned subtasks' prefixes: another subtask may already be preparing new transactions.
    for (const subtask of ownedSubtasks) {
      for (const prepared of await this.db.listPrepared(`${this.gidPrefix}${subtask}-`)) {
        if (!keep.has(prepared.txnId!)) await this.db.abort(prepared.txnId!);
      }
    }
  }

  beginTransaction(info: TransactionInfo): PostgresTransaction {
    const after = info.afterCheckpoint === undefined ? "start" : `c${info.afterCheckpoint}`;
    const id = `${this.ctx.subtaskIndex}-${this.ctx.attemptNumber}-${after}`;
    this.open.set(id, { rows: [], deletes: [], count: 0, begun: false, work: Promise.resolve(), failure: undefined });
    return { id };
  }

  write(txn: PostgresTransaction, value: T): void {
    const t = this.openTransaction(txn.id);
    if (t.failure !== undefined) throw new Error(`writing to PostgreSQL failed in transaction ${txn.id}`, { cause: t.failure });
    t.rows.push(this.toRow(value));
    if (this.isDelete) t.deletes.push(this.isDelete(value));
    t.count++;
    if (t.rows.length >= this.rowsPerStatement) this.send(txn.id, t);
  }

  preCommit(txn: PostgresTransaction): void | Promise<void> {
    const t = this.openTransaction(txn.id);
    if (t.count === 0) {
      this.open.delete(txn.id);
      this.empty.add(txn.id);
      return;
    }
    if (t.rows.length > 0) this.send(txn.id, t);
    return (async () => {
      await t.work;
      this.open.delete(txn.id);
      if (t.failure !== undefined) {
        if (t.begun) await this.db.abort(txn.id).catch(() => undefined);
        throw new Error(`writing to PostgreSQL failed in transaction ${txn.id}`, { cause: t.failure });
      }
      await this.db.preCommit(txn.id);
    })();
  }

  async commit(txn: PostgresTransaction): Promise<void> {
    if (this.empty.delete(txn.id)) return;
    // After a restore an empty transaction is unknown here; its gid does not exist, which
    // COMMIT PREPARED treats as already committed.
    await this.db.commit(txn.id);
  }

  async abort(txn: PostgresTransaction): Promise<void> {
    if (this.empty.delete(txn.id)) return;
    const t = this.open.get(txn.id);
    if (t) {
      this.open.delete(txn.id);
      await t.work;
      if (t.begun) await this.db.abort(txn.id);
      return;
    }
    await this.db.abort(txn.id);
  }

  get isBackpressured(): boolean {
    return this.inFlight >= MAX_STATEMENTS_IN_FLIGHT;
  }

  whenNotBackpressured(): Promise<void> {
    if (!this.isBackpressured) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.open.values()].map((t) => t.work));
    this.open.clear();
    // Rolls back transactions still open; prepared ones stay for recovery.
    await this.db.close();
  }

  /** Queues an INSERT of the buffered rows behind the transaction's earlier statements. */
  private send(id: string, t: OpenTransaction): void {
    const rows = t.rows;
    const deletes = t.deletes;
    t.rows = [];
    t.deletes = [];
    this.inFlight++;
    t.work = t.work
      .then(async () => {
        if (t.failure !== undefined) return;
        if (!t.begun) {
          await this.db.beginTransaction(id);
          t.begun = true;
        }
        if (this.isDelete) await this.db.writeChanges(id, rows.map((row, i) => ({ row, delete: deletes[i]! })));
        else await this.db.write(id, rows);
      })
      .catch((e: unknown) => {
        t.failure ??= e;
      })
      .finally(() => {
        this.inFlight--;
        if (!this.isBackpressured) for (const wake of this.waiters.splice(0)) wake();
      });
  }

  private openTransaction(id: string): OpenTransaction {
    const t = this.open.get(id);
    if (!t) throw new Error(`transaction ${id} is not open`);
    return t;
  }
}
