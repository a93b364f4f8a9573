interface RunOptions {
    parallelism?: number;
    target: string;
    detached?: boolean;
    config?: string;
    D: string[];
    json?: boolean;
    /** Keep the embedded cluster and its dashboard running after the job ends, until Ctrl-C. */
    web?: boolean;
    webPort?: number;
    /** Resume from this savepoint (or retained checkpoint) folder. */
    fromSavepoint?: string;
    allowNonRestoredState?: boolean;
}
export declare function runCommand(job: string, args: string[], options: RunOptions): Promise<void>;
export {};
