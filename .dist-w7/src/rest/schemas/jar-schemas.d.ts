/** Schemas of the jar endpoints: uploaded job bundles (the JAR's counterpart) and running them. */
import type { JsonSchema } from "../schema/json-schema.js";
/** A jar id is the SHA-256 of the bundle: it names the content, never a path. */
export declare const JAR_ID = "^[0-9a-f]{64}$";
export declare const jarIdParam: JsonSchema;
export declare const jarUploadResponse: JsonSchema;
export declare const jarList: JsonSchema;
export interface JarRunRequest {
    programArgsList?: string[];
    programArgs?: string;
    parallelism?: number;
    flinkConfiguration?: Record<string, string>;
    entryClass?: string | null;
    savepointPath?: string | null;
    allowNonRestoredState?: boolean | null;
}
export declare const jarRunRequest: JsonSchema;
export declare const jarRunResponse: JsonSchema;
