import { type JobGraph } from "../graph/job-graph.js";
import type { PartitionerSpec } from "../graph/stream-graph.js";
interface InfoOptions {
    parallelism?: number;
    config?: string;
    D: string[];
    json?: boolean;
}
export declare function infoCommand(job: string, args: string[], options: InfoOptions): Promise<void>;
export declare function partitionerName(p: PartitionerSpec): string;
export declare function describeJobGraph(graph: JobGraph): string;
export {};
