interface TaskManagerCommandOptions {
    jobmanager?: string;
    slots?: number;
    config?: string;
    D: string[];
    pidFile?: string;
}
export declare function taskManagerCommand(options: TaskManagerCommandOptions): Promise<void>;
export {};
