/** Response schemas of /jobs/:jobid/vertices/:vertexid and its backpressure and watermarks. */
import type { JsonSchema } from "../schema/json-schema.js";
export declare const subtaskDetails: JsonSchema;
export declare const vertexDetails: JsonSchema;
export declare const vertexBackPressure: JsonSchema;
export declare const vertexWatermarks: JsonSchema;
