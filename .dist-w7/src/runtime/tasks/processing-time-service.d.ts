import type { ProcessingTimeService } from "../operators/stream-operator.js";
/**
 * Wall-clock timers for one task. Callbacks run on the task's thread between records; an error
 * in one fails the task (reported through `onError`) instead of escaping as an uncaught exception.
 */
export declare class TaskProcessingTimeService implements ProcessingTimeService {
    private readonly onError;
    private readonly handles;
    private stopped;
    constructor(onError: (e: unknown) => void);
    now(): number;
    setTimer(timestamp: number, callback: (timestamp: number) => void): () => void;
    scheduleAtFixedRate(intervalMs: number, callback: () => void): () => void;
    private run;
    stop(): void;
}
