import type { SerializedError } from "../cluster/messages.js";
export type OperationState = {
    status: "IN_PROGRESS";
} | {
    status: "COMPLETED";
    location: string;
} | {
    status: "FAILED";
    error: SerializedError;
};
export declare class AsyncOperations {
    private readonly retainMs;
    private readonly maxEntries;
    private readonly entries;
    constructor(retainMs?: number, maxEntries?: number);
    /** Starts tracking an operation; a repeated triggerId of the same job returns the existing one. */
    start(jobId: string, run: () => Promise<{
        location: string;
    }>, triggerId?: string): string;
    get(jobId: string, triggerId: string): OperationState | undefined;
    private evict;
}
