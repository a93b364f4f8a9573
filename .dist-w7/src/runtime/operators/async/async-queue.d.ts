/**
 * The queue of an async operator: elements in flight and completed, and the watermarks between
 * them. Ordered: everything leaves in arrival order. Unordered: a completed element leaves at once
 * unless a watermark is ahead of it, and a watermark leaves once everything before it has left,
 * so no element overtakes a watermark in either direction (Flink's stream element queues).
 */
export interface QueuedElement {
    readonly kind: "element";
    /** The input, kept until the results leave: a checkpoint stores it to call again after a restore. */
    readonly value: unknown;
    readonly timestamp: number;
    done: boolean;
    results: unknown[] | undefined;
}
export interface QueueOutput {
    emit(value: unknown, timestamp: number): void;
    emitWatermark(watermark: number): void;
}
export declare class AsyncQueue {
    private readonly ordered;
    private readonly out;
    private entries;
    /** Elements in the queue (watermarks don't count towards capacity). */
    elements: number;
    private listeners;
    constructor(ordered: boolean, out: QueueOutput);
    get size(): number;
    addElement(value: unknown, timestamp: number): QueuedElement;
    addWatermark(watermark: number): void;
    complete(entry: QueuedElement, results: unknown[]): void;
    /** Emits from the head while possible; in unordered mode, a segment's completed elements leave after its watermark. */
    private drainHead;
    /** Unordered: after a watermark left, completed elements up to the next watermark may leave. */
    private releaseCompletedOfSegment;
    private emitElement;
    /** The inputs of every element not yet emitted, in arrival order. */
    inputs(): {
        value: unknown;
        timestamp: number;
    }[];
    /** Resolves at the next change (completion), for waiting until the queue is empty. */
    whenChanged(): Promise<void>;
    notifyChanged(): void;
    private changed;
}
