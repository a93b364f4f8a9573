/**
 * Which producer subtasks connect to which consumer subtasks. Forward and rescale connect
 * point-wise (Flink's POINTWISE pattern), every other partitioner all-to-all.
 */
import type { PartitionerSpec } from "../../graph/stream-graph.js";
export declare function isPointwise(p: PartitionerSpec): boolean;
/** Consumers that producer `i` (of `up`) sends to, given `down` consumers. */
export declare function consumersOf(p: PartitionerSpec, i: number, up: number, down: number): number[];
/** Producers that consumer `j` (of `down`) reads from, given `up` producers. */
export declare function producersOf(p: PartitionerSpec, j: number, up: number, down: number): number[];
