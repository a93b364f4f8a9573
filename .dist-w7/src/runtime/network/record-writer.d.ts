/**
 * Writes the records of one network output (one JobEdge) of a task: picks the channel(s) with the
 * edge's partitioner and appends to that channel's subpartition.
 */
import type { Key, KeySelector, Partitioner } from "../../api/functions.js";
import type { PartitionerSpec } from "../../graph/stream-graph.js";
import type { DataEvent } from "./frames.js";
import type { ResultSubpartition } from "./result-subpartition.js";
/** Returns the subpartition index for a record, or -1 to send it to all. */
type ChannelSelector = (value: unknown) => number;
export interface PartitionerFunctions {
    key?: KeySelector<unknown, Key>;
    partitioner?: Partitioner<Key>;
}
export declare function createChannelSelector(spec: PartitionerSpec, channels: number, producerIndex: number, consumerMaxParallelism: number, fns: PartitionerFunctions): ChannelSelector;
export declare class RecordWriter {
    readonly edgeId: number;
    readonly subpartitions: ResultSubpartition[];
    private readonly select;
    constructor(edgeId: number, subpartitions: ResultSubpartition[], select: ChannelSelector);
    emit(value: unknown, timestamp: number): void;
    broadcastEvent(event: DataEvent): void;
    flushAll(): void;
    get isBlocked(): boolean;
}
export {};
