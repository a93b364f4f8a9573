/**
 * Argument checks shared by the implementations. Job ids and component names become ZooKeeper node
 * names and file names, so they must be single path segments.
 */
export declare function validateJobId(jobId: string): void;
export declare function validateComponent(component: string): void;
export declare function validateMaxRetained(maxRetained: number): void;
export declare function validateCheckpointId(checkpointId: number): void;
export declare function validateCounterValue(value: number): void;
