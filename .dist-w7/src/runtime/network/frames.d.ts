/**
 * Data-plane frames. Records travel in buffers; events travel in the same channel, in order with
 * the buffers around them (DESIGN.md section 5). Credits travel back from consumer to producer.
 */
export type DataEvent = {
    kind: "watermark";
    timestamp: number;
}
/** Stream status: an idle channel is ignored when the consumer computes its watermark. */
 | {
    kind: "stream-status";
    idle: boolean;
} | {
    kind: "barrier";
    checkpointId: number;
    timestamp: number;
    savepoint: boolean;
    dir: string;
} | {
    kind: "end-of-partition";
};
export type DataFrame = {
    t: "buffer";
    ch: string;
    data: ArrayBuffer;
    records: number;
}
/**
 * Records handed over by reference between two tasks of the same worker: no serialization, the
 * same semantics as chaining (an emitted record must not be mutated afterwards).
 */
 | {
    t: "records";
    ch: string;
    values: unknown[];
    timestamps: number[] | null;
} | {
    t: "event";
    ch: string;
    event: DataEvent;
} | {
    t: "credit";
    ch: string;
    credits: number;
};
/** Frames that carry records and therefore need a credit. */
export declare function isDataFrame(f: DataFrame): f is Extract<DataFrame, {
    t: "buffer" | "records";
}>;
/** Identifies one channel: one producer subtask to one consumer subtask over one edge, in one attempt. */
export declare function channelId(attempt: number, edgeId: number, producer: number, consumer: number): string;
/** Where a task runs: `<taskManagerId>#<slotIndex>`; one worker thread per such location. */
export type WorkerKey = string;
