export declare class ZooKeeperLayout {
    readonly rootPath: string;
    readonly clusterId: string;
    readonly clusterPath: string;
    constructor(rootPath: string, clusterId: string);
    get leadersPath(): string;
    leaderPath(component: string): string;
    latchPath(component: string): string;
    connectionInfoPath(component: string): string;
    get jobGraphsPath(): string;
    jobGraphPath(jobId: string): string;
    get jobsPath(): string;
    jobPath(jobId: string): string;
    checkpointsPath(jobId: string): string;
    checkpointPath(jobId: string, checkpointId: number): string;
    checkpointIdCounterPath(jobId: string): string;
    get jobResultsPath(): string;
    jobResultPath(jobId: string): string;
    /** Every ZooKeeper path holding data of one job (the job result entry is not part of it). */
    jobDataPaths(jobId: string): string[];
    /** Storage directory, relative to <storageDir>/<cluster-id>: the files of one job. */
    static jobFilesDir(jobId: string): string;
    static readonly JOB_RESULT_FILES_DIR = "job-results";
}
/** 19 digits, as Flink: lexicographic order of the node names is numeric order of the ids. */
export declare function checkpointNodeName(checkpointId: number): string;
export declare function checkpointIdFromNodeName(name: string): number | undefined;
