interface ClusterCommandOptions {
    config?: string;
    D: string[];
    dir?: string;
    taskmanagers?: number;
}
export declare function clusterStartCommand(options: ClusterCommandOptions): Promise<void>;
export declare function clusterStopCommand(options: ClusterCommandOptions): Promise<void>;
export {};
