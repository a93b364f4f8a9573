/**
 * The body of POST /jobs: what the client built (bundle, JobGraph, definition inputs). The JobGraph
 * is checked for shape and for consistency (edges between existing vertices, sane parallelism)
 * before the Dispatcher sees it; each worker later re-evaluates the bundle and compares fingerprints.
 */
import type { JsonSchema } from "../schema/json-schema.js";
export declare const jobGraphSchema: JsonSchema;
export declare const definitionInputsSchema: JsonSchema;
export declare const jobSubmitRequest: JsonSchema;
