export interface StartZooKeeperOptions {
    /** Kept across restart(); a fresh temporary directory (deleted by stop()) when not given. */
    dataDir?: string;
    /** ZooKeeper's tick; sessions may last 2 to 20 ticks. 500 ms allows session timeouts of 1 to 10 s. */
    tickTimeMs?: number;
}
export interface ZooKeeperServer {
    readonly connectString: string;
    readonly port: number;
    readonly dataDir: string;
    /** The JVM's pid, while running. */
    readonly pid: number | undefined;
    /** Stops the server. Deletes a temporary data directory unless `keepData` (for a later restart()). */
    stop(options?: {
        keepData?: boolean;
    }): Promise<void>;
    /**
     * Sends a signal to the JVM: SIGSTOP/SIGCONT to freeze and thaw it, SIGKILL to crash it. Returns
     * after a SIGSTOP has taken effect (the kernel stops the threads shortly after the call).
     */
    kill(signal: NodeJS.Signals): void;
    /** Stops the server if running and starts it again on the same port with the same data. */
    restart(): Promise<void>;
}
export declare function startZooKeeper(options?: StartZooKeeperOptions): Promise<ZooKeeperServer>;
/**
 * Ends a client's session from the server side, as if it had expired: a second client takes over
 * the session with its credentials and closes it. The original client then learns on its next
 * contact that the session is gone.
 */
export declare function expireSession(connectString: string, credentials: {
    sessionId: Buffer;
    password: Buffer;
}, timeoutMs?: number): Promise<void>;
