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
import type { TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
import type { TableName } from "./sql-text.js";
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
export declare class PostgresSink<T> implements TwoPhaseCommitSink<T, PostgresTransaction> {
    private readonly options;
    constructor(options: PostgresSinkOptions<T>);
    createTransactionalWriter(ctx: TwoPhaseCommitContext): Promise<TwoPhaseCommitWriter<T, PostgresTransaction>>;
}
