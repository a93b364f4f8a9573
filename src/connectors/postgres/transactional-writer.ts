/**
 * The PostgreSQL half of an exactly-once sink (docs/architecture.md, principle 7): rows written between two
 * checkpoints go into one database transaction, which is PREPAREd when the checkpoint barrier
 * passes (preCommit) and COMMITted PREPARED when the checkpoint completes (commit). A prepared
 * transaction survives the writer's process, the connection and even a server restart, so a
 * restarted sink can finish what its last completed checkpoint promised.
 *
 * This class knows nothing of the runtime: the sink operator maps checkpoint ids to txn ids and
 * calls these methods at the right moments, like Flink's TwoPhaseCommitSinkFunction.
 *
 * Connections: PostgreSQL allows one open transaction per session, so every open transaction holds
 * its own pooled connection until PREPARE. After PREPARE the transaction no longer belongs to any
 * session, so the connection goes back to the pool and COMMIT PREPARED may run on any connection.
 */
import { shortHash } from "../common/string-hash.js";
import { Pool, type PoolClient, type PoolConfig } from "pg";
import { SqlState, sqlStateOf } from "./pg-errors.js";
import {
  deleteStatement,
  gidLiteral,
  insertStatement,
  maxRowsPerStatement,
  quoteIdentifier,
  quoteTableName,
  type TableName,
  upsertClause,
} from "./sql-text.js";

export interface PostgresTransactionalWriterOptions {
  /** A connection string (`postgresql://user@host:port/db`) or node-postgres pool settings. */
  connection: string | PoolConfig;
  /** Target table; a plain string is one identifier (not split on dots). */
  table: string | TableName;
  /** Columns of the INSERT, in the order of the values in every written row. */
  columns: readonly string[];
  /**
   * Prefix of every global transaction id this writer prepares; gid = prefix + txnId. Recovery
   * aborts every prepared transaction with this prefix that a checkpoint does not name, so it must
   * be unique per sink subtask (e.g. `sluice:<job>:<operator uid>:<subtask>:`).
   */
  gidPrefix: string;
  /** Pool size: open transactions each hold one connection until PREPARE. Default 4. */
  maxConnections?: number;
  /** Bound on getting a connection from the pool. Default 10 s. */
  connectTimeoutMs?: number;
  /** Rows per INSERT statement (also capped by PostgreSQL's 65535 bind parameters). Default 1000. */
  rowsPerStatement?: number;
  /**
   * Upsert mode: the table's primary key (or a unique key) columns, a subset of `columns`. Rows are
   * then INSERT … ON CONFLICT DO UPDATE, and writeChanges() can also delete by key.
   */
  primaryKey?: readonly string[];
  /** How long commit/abort retry a gid that another session is still finishing. Default 10 s. */
  busyRetryTimeoutMs?: number;
}

/** A row of `pg_prepared_xacts` in the writer's database. */
export interface PreparedTransaction {
  gid: string;
  /** The gid without this writer's prefix, or undefined if the gid does not start with it. */
  txnId: string | undefined;
  preparedAt: Date;
  owner: string;
  database: string;
}

export interface RecoveryResult {
  /** Txn ids found prepared and committed because the checkpoint names them. */
  committed: string[];
  /** Gids found prepared with this writer's prefix that no checkpoint names: rolled back. */
  aborted: string[];
}

interface OpenTransaction {
  client: PoolClient;
  /** Set once a statement failed or the connection broke; the transaction can only be aborted. */
  failure: unknown;
  onClientError: (err: Error) => void;
}

const BUSY_RETRY_DELAY_MS = 50;

export class PostgresTransactionalWriter {
  private readonly options: PostgresTransactionalWriterOptions;
  private readonly quotedTable: string;
  private readonly quotedColumns: readonly string[];
  private readonly rowsPerStatement: number;
  private readonly fullInsertText: string;
  private readonly fullInsertName: string;
  private readonly openTransactions = new Map<string, OpenTransaction>();
  /** Upsert mode: the key columns' positions in a row, and the ON CONFLICT clause. */
  private readonly keyPositions: number[] | undefined;
  private readonly conflictClause: string;
  private pool: Pool | undefined;

  constructor(options: PostgresTransactionalWriterOptions) {
    if (options.columns.length === 0) throw new Error("PostgresTransactionalWriter needs at least one column");
    if (options.gidPrefix.length === 0) throw new Error("PostgresTransactionalWriter needs a non-empty gidPrefix");
    this.options = options;
    const table = typeof options.table === "string" ? { name: options.table } : options.table;
    this.quotedTable = quoteTableName(table);
    this.quotedColumns = options.columns.map(quoteIdentifier);
    this.rowsPerStatement = maxRowsPerStatement(options.columns.length, options.rowsPerStatement ?? 1000);
    if (options.primaryKey) {
      if (options.primaryKey.length === 0) throw new Error("primaryKey needs at least one column");
      this.keyPositions = options.primaryKey.map((k) => {
        const i = options.columns.indexOf(k);
        if (i < 0) throw new Error(`primary key column ${JSON.stringify(k)} is not among the columns ${JSON.stringify(options.columns)}`);
        return i;
      });
      this.conflictClause = upsertClause(this.quotedColumns, options.primaryKey.map(quoteIdentifier));
    } else {
      this.keyPositions = undefined;
      this.conflictClause = "";
    }
    this.fullInsertText = this.insertText(this.rowsPerStatement);
    // Full-size batches use a named statement so each connection parses and plans it only once. The
    // name depends on the text: pg rejects one name reused for a different text on a connection.
    // Named after its text, so a changed statement gets a new name.
    this.fullInsertName = `sluice_insert_${shortHash(this.fullInsertText)}`;
  }

  /** The global transaction id PostgreSQL knows this transaction by. */
  gidOf(txnId: string): string {
    return this.options.gidPrefix + txnId;
  }

  /** Connects and checks, so that a misconfiguration fails here with a clear message. */
  async open(): Promise<void> {
    if (this.pool) throw new Error("PostgresTransactionalWriter is already open");
    const base: PoolConfig =
      typeof this.options.connection === "string" ? { connectionString: this.options.connection } : this.options.connection;
    const pool = new Pool({
      ...base,
      max: this.options.maxConnections ?? 4,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 10_000,
      // Idle connections must not keep a finished process alive.
      allowExitOnIdle: true,
    });
    // An idle connection that breaks (server restart) is dropped by the pool; without a listener
    // the 'error' event would crash the process.
    pool.on("error", () => undefined);
    this.pool = pool;
    try {
      const setting = await pool.query<{ max_prepared_transactions: string }>("SHOW max_prepared_transactions");
      if (Number(setting.rows[0]?.max_prepared_transactions ?? 0) <= 0) {
        throw new Error(
          "PostgreSQL has max_prepared_transactions = 0, so PREPARE TRANSACTION is disabled; " +
            "set it above the number of concurrently pending checkpoints per sink subtask and restart the server",
        );
      }
      // Fails with PostgreSQL's own message if the table or a column does not exist.
      await pool.query(`SELECT ${this.quotedColumns.join(", ")} FROM ${this.quotedTable} WHERE false`);
    } catch (err) {
      this.pool = undefined;
      await pool.end().catch(() => undefined);
      throw err;
    }
  }

  async beginTransaction(txnId: string): Promise<void> {
    gidLiteral(this.gidOf(txnId)); // reject an unusable id now, not at PREPARE time
    if (this.openTransactions.has(txnId)) throw new Error(`transaction ${txnId} is already open`);
    const client = await this.requirePool().connect();
    const txn: OpenTransaction = {
      client,
      failure: undefined,
      onClientError: (err) => {
        txn.failure ??= err;
      },
    };
    client.on("error", txn.onClientError);
    this.openTransactions.set(txnId, txn);
    try {
      await client.query("BEGIN");
    } catch (err) {
      this.finish(txnId, txn, err);
      throw err;
    }
  }

  /** Inserts rows inside the transaction; each row holds one value per configured column. */
  async write(txnId: string, rows: readonly (readonly unknown[])[]): Promise<void> {
    const txn = this.usableTransaction(txnId);
    const width = this.quotedColumns.length;
    for (const row of rows) {
      if (row.length !== width) {
        throw new Error(`a row for ${this.quotedTable} needs ${width} values (one per column), got ${row.length}`);
      }
    }
    try {
      for (let start = 0; start < rows.length; start += this.rowsPerStatement) {
        const count = Math.min(this.rowsPerStatement, rows.length - start);
        const values: unknown[] = new Array<unknown>(count * width);
        for (let r = 0; r < count; r++) {
          const row = rows[start + r]!;
          for (let c = 0; c < width; c++) values[r * width + c] = row[c];
        }
        if (count === this.rowsPerStatement) {
          await txn.client.query({ name: this.fullInsertName, text: this.fullInsertText, values });
        } else {
          await txn.client.query(this.insertText(count), values);
        }
      }
    } catch (err) {
      // PostgreSQL has aborted the transaction; only abort() can end it now.
      txn.failure ??= err;
      throw err;
    }
  }

  /**
   * Upsert mode: changes in order, each an upserted row or a deleted key (the key columns' values
   * are taken from the row). Only the last change of a key matters within a transaction, so they
   * are folded per key first: an upsert statement may not touch one key twice.
   */
  async writeChanges(txnId: string, changes: readonly { row: readonly unknown[]; delete: boolean }[]): Promise<void> {
    const keys = this.keyPositions;
    if (!keys) throw new Error(`writeChanges() needs the upsert mode: give the writer for ${this.quotedTable} a primaryKey`);
    const last = new Map<string, { row: readonly unknown[]; delete: boolean }>();
    for (const change of changes) {
      const key = JSON.stringify(keys.map((i) => change.row[i]));
      last.delete(key); // keeps the map in the order of each key's last change
      last.set(key, change);
    }
    const upserts: (readonly unknown[])[] = [];
    const deletes: unknown[][] = [];
    for (const change of last.values()) {
      if (change.delete) deletes.push(keys.map((i) => change.row[i]));
      else upserts.push(change.row);
    }
    // Upserts and deletes touch different keys, so their order does not matter.
    if (upserts.length > 0) await this.write(txnId, upserts);
    if (deletes.length === 0) return;
    const txn = this.usableTransaction(txnId);
    const perStatement = maxRowsPerStatement(keys.length, this.rowsPerStatement);
    const quotedKey = keys.map((i) => this.quotedColumns[i]!);
    try {
      for (let start = 0; start < deletes.length; start += perStatement) {
        const batch = deletes.slice(start, start + perStatement);
        await txn.client.query(deleteStatement(this.quotedTable, quotedKey, batch.length), batch.flat());
      }
    } catch (err) {
      txn.failure ??= err;
      throw err;
    }
  }

  private insertText(rowCount: number): string {
    return insertStatement(this.quotedTable, this.quotedColumns, rowCount) + this.conflictClause;
  }

  /**
   * PREPARE TRANSACTION: the rows become durable but stay invisible until commit. Afterwards the
   * transaction is held by the server, not by this writer's connection or process.
   */
  async preCommit(txnId: string): Promise<void> {
    const txn = this.usableTransaction(txnId);
    const gid = gidLiteral(this.gidOf(txnId));
    let result;
    try {
      result = await txn.client.query(`PREPARE TRANSACTION ${gid}`);
    } catch (err) {
      // A failed PREPARE rolls the transaction back; make sure the session is clean before reuse.
      await txn.client.query("ROLLBACK").catch(() => undefined);
      this.finish(txnId, txn, err);
      throw err;
    }
    // In an already-aborted transaction PostgreSQL answers PREPARE with ROLLBACK and no error.
    if (result.command !== "PREPARE") {
      const err = new Error(`PREPARE TRANSACTION for ${txnId} rolled back instead (command tag ${result.command})`);
      this.finish(txnId, txn, err);
      throw err;
    }
    this.finish(txnId, txn, undefined);
  }

  /**
   * COMMIT PREPARED. Idempotent: a gid that no longer exists counts as already committed, because
   * after a crash the sink cannot know whether its last commit went through.
   */
  async commit(txnId: string): Promise<void> {
    if (this.openTransactions.has(txnId)) throw new Error(`transaction ${txnId} must be pre-committed before commit`);
    await this.finishPrepared(`COMMIT PREPARED ${gidLiteral(this.gidOf(txnId))}`);
  }

  /** Rolls back an open transaction, or a prepared one by gid. Idempotent like commit. */
  async abort(txnId: string): Promise<void> {
    const txn = this.openTransactions.get(txnId);
    if (txn) {
      let failure: unknown;
      try {
        await txn.client.query("ROLLBACK");
      } catch (err) {
        failure = err; // broken connection: the server rolls back when the session ends
      }
      this.finish(txnId, txn, failure);
      return;
    }
    await this.finishPrepared(`ROLLBACK PREPARED ${gidLiteral(this.gidOf(txnId))}`);
  }

  /** Prepared transactions in this database whose gid starts with `prefix` (default: this writer's). */
  async listPrepared(prefix: string = this.options.gidPrefix): Promise<PreparedTransaction[]> {
    const result = await retryOnceIfDisconnected(() =>
      this.requirePool().query<{ gid: string; prepared: Date; owner: string; database: string }>(
        `SELECT gid, prepared, owner, database FROM pg_prepared_xacts
          WHERE database = current_database() AND starts_with(gid, $1)
          ORDER BY prepared, gid`,
        [prefix],
      ),
    );
    const own = this.options.gidPrefix;
    return result.rows.map((row) => ({
      gid: row.gid,
      txnId: row.gid.startsWith(own) ? row.gid.slice(own.length) : undefined,
      preparedAt: row.prepared,
      owner: row.owner,
      database: row.database,
    }));
  }

  /**
   * After a restart: commits the prepared transactions the restored checkpoint names (their commit
   * may or may not have happened before the crash) and rolls back every other prepared transaction
   * with this writer's prefix (pre-committed for a checkpoint that never completed). Call it before
   * beginning new transactions.
   */
  async recover(txnIdsToCommit: Iterable<string>): Promise<RecoveryResult> {
    const toCommit = new Set(txnIdsToCommit);
    const result: RecoveryResult = { committed: [], aborted: [] };
    for (const prepared of await this.listPrepared()) {
      const txnId = prepared.txnId!; // listPrepared() with the own prefix always has one
      if (this.openTransactions.has(txnId)) continue;
      if (toCommit.has(txnId)) {
        await this.commit(txnId);
        result.committed.push(txnId);
      } else {
        await this.abort(txnId);
        result.aborted.push(prepared.gid);
      }
    }
    return result;
  }

  /**
   * Rolls back transactions that are still open and closes the connections. Prepared transactions
   * stay prepared: they belong to checkpoints in flight, and recovery decides their fate.
   */
  async close(): Promise<void> {
    const pool = this.pool;
    if (!pool) return;
    for (const txnId of [...this.openTransactions.keys()]) await this.abort(txnId);
    this.pool = undefined;
    await pool.end();
  }

  private requirePool(): Pool {
    if (!this.pool) throw new Error("PostgresTransactionalWriter is not open (call open() first)");
    return this.pool;
  }

  private usableTransaction(txnId: string): OpenTransaction {
    const txn = this.openTransactions.get(txnId);
    if (!txn) throw new Error(`transaction ${txnId} is not open`);
    if (txn.failure !== undefined) {
      throw new Error(`transaction ${txnId} failed earlier and can only be aborted`, { cause: txn.failure });
    }
    return txn;
  }

  /** Ends this writer's hold on an open transaction and returns (or, if broken, drops) its connection. */
  private finish(txnId: string, txn: OpenTransaction, failure: unknown): void {
    this.openTransactions.delete(txnId);
    txn.client.removeListener("error", txn.onClientError);
    const broken = failure ?? txn.failure;
    // Destroy rather than reuse a connection that saw an error: its session state is unknown.
    txn.client.release(broken === undefined ? undefined : broken instanceof Error ? broken : true);
  }

  /**
   * Runs one statement outside any transaction. Unlike pool.query, which drops the connection on
   * every error, a server-side error here (an unknown gid, say) leaves the session usable, so
   * only a connection-level failure destroys it.
   */
  private async onPooledConnection(statement: string): Promise<void> {
    const client = await this.requirePool().connect();
    let broken: Error | undefined;
    const onError = (err: Error): void => {
      broken = err;
    };
    client.on("error", onError);
    try {
      await client.query(statement);
    } catch (err) {
      if (sqlStateOf(err) === undefined) broken ??= err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.removeListener("error", onError);
      client.release(broken);
    }
  }

  /** COMMIT/ROLLBACK PREPARED, tolerating a gid that is gone and retrying one that is busy. */
  private async finishPrepared(statement: string): Promise<void> {
    const deadline = Date.now() + (this.options.busyRetryTimeoutMs ?? 10_000);
    for (;;) {
      try {
        await retryOnceIfDisconnected(() => this.onPooledConnection(statement));
        return;
      } catch (err) {
        const state = sqlStateOf(err);
        if (state === SqlState.undefinedObject) return;
        // Busy: the session that prepared it (or a concurrent recovery) is still finishing it.
        if (state === SqlState.objectNotInPrerequisiteState && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_DELAY_MS));
          continue;
        }
        throw err;
      }
    }
  }
}

/**
 * For idempotent statements only: a pooled connection may have died with a server restart
 * before the pool noticed, and a fresh one is worth one more try.
 */
async function retryOnceIfDisconnected<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (sqlStateOf(err) !== undefined) throw err; // the server answered: not a connection problem
    return await run();
  }
}
