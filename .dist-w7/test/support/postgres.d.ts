export interface PostgresServer {
    readonly host: "127.0.0.1";
    readonly port: number;
    /** Points at the test database (`sluice`) as the superuser `postgres`, no password (trust auth). */
    readonly connectionString: string;
    readonly database: string;
    readonly dataDir: string;
    /** Fast shutdown (if running), then deletes the data directory. Safe to call twice. */
    stop(): Promise<void>;
    /** SIGKILLs the postmaster, as a machine crash would; the data directory stays for `restart()`. */
    kill(): Promise<void>;
    /** Starts the server again on the same port and data directory (crash recovery runs here). */
    restart(): Promise<void>;
}
export interface StartPostgresOptions {
    database?: string;
    maxPreparedTransactions?: number;
    /** Bound on every step (install excluded): initdb, start, first connection. Default 60 s. */
    timeoutMs?: number;
}
export declare function startPostgres(options?: StartPostgresOptions): Promise<PostgresServer>;
