export declare const JOBMANAGER_READY: RegExp;
export declare const TASKMANAGER_REGISTERED: RegExp;
/** The cluster's directory: --dir, else env.log.dir (Flink's key) or log.dir, else ./.sluice. */
export declare function clusterDir(given: string | undefined, config: Readonly<Record<string, string>>): string;
export interface StartClusterOptions {
    dir: string;
    taskManagers: number;
    /** Passed to every process: --config FILE and -D key=value pairs. */
    configArgs: string[];
    /** Bound on each process's start-up. */
    timeoutMs?: number;
    report?: (line: string) => void;
}
export interface StartedCluster {
    rpcAddress: string;
    restUrl: string;
    pids: {
        jobManager: number;
        taskManagers: number[];
    };
}
export declare function startCluster(options: StartClusterOptions): Promise<StartedCluster>;
export interface ClusterProcess {
    name: string;
    pid: number;
    pidFile: string;
}
/** Processes whose pid files are in `dir`, TaskManagers first (the order to stop them in). */
export declare function clusterProcesses(dir: string): ClusterProcess[];
export declare function stopCluster(dir: string, report: (line: string) => void, timeoutMs?: number): Promise<number>;
