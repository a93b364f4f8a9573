/**
 * Consistency checks on a submitted JobGraph beyond its schema: what the JobMaster would otherwise
 * trip over (an edge to a missing vertex, a parallelism above the max parallelism, duplicate ids).
 */
import type { JobGraph } from "../../graph/job-graph.js";
export declare function jobGraphProblems(g: JobGraph): string[];
