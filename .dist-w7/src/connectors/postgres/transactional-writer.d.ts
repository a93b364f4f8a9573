/**
 * The PostgreSQL half of an exactly-once sink (DESIGN.md principle 7): rows written between two
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
import { type PoolConfig } from "pg";
import { type TableName } from "./sql-text.js";
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
export declare class PostgresTransactionalWriter {
    private readonly options;
    private readonly quotedTable;
    private readonly quotedColumns;
    private readonly rowsPerStatement;
    private readonly fullInsertText;
    private readonly fullInsertName;
    private readonly openTransactions;
    private pool;
    constructor(options: PostgresTransactionalWriterOptions);
    /** The global transaction id PostgreSQL knows this transaction by. */
    gidOf(txnId: string): string;
    /** Connects and checks, so that a misconfiguration fails here with a clear message. */
    open(): Promise<void>;
    beginTransaction(txnId: string): Promise<void>;
    /** Inserts rows inside the transaction; each row holds one value per configured column. */
    write(txnId: string, rows: readonly (readonly unknown[])[]): Promise<void>;
    /**
     * PREPARE TRANSACTION: the rows become durable but stay invisible until commit. Afterwards the
     * transaction is held by the server, not by this writer's connection or process.
     */
    preCommit(txnId: string): Promise<void>;
    /**
     * COMMIT PREPARED. Idempotent: a gid that no longer exists counts as already committed, because
     * after a crash the sink cannot know whether its last commit went through.
     */
    commit(txnId: string): Promise<void>;
    /** Rolls back an open transaction, or a prepared one by gid. Idempotent like commit. */
    abort(txnId: string): Promise<void>;
    /** Prepared transactions in this database whose gid starts with `prefix` (default: this writer's). */
    listPrepared(prefix?: string): Promise<PreparedTransaction[]>;
    /**
     * After a restart: commits the prepared transactions the restored checkpoint names (their commit
     * may or may not have happened before the crash) and rolls back every other prepared transaction
     * with this writer's prefix (pre-committed for a checkpoint that never completed). Call it before
     * beginning new transactions.
     */
    recover(txnIdsToCommit: Iterable<string>): Promise<RecoveryResult>;
    /**
     * Rolls back transactions that are still open and closes the connections. Prepared transactions
     * stay prepared: they belong to checkpoints in flight, and recovery decides their fate.
     */
    close(): Promise<void>;
    private requirePool;
    private usableTransaction;
    /** Ends this writer's hold on an open transaction and returns (or, if broken, drops) its connection. */
    private finish;
    /**
     * Runs one statement outside any transaction. Unlike pool.query, which drops the connection on
     * every error, a server-side error here (an unknown gid, say) leaves the session usable, so
     * only a connection-level failure destroys it.
     */
    private onPooledConnection;
    /** COMMIT/ROLLBACK PREPARED, tolerating a gid that is gone and retrying one that is busy. */
    private finishPrepared;
}
