interface JobManagerCommandOptions {
    config?: string;
    D: string[];
    pidFile?: string;
}
export declare function jobManagerCommand(options: JobManagerCommandOptions): Promise<void>;
export {};
