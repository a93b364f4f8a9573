/** Schemas of the jar endpoints: uploaded job bundles (the JAR's counterpart) and running them. */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, nullable, object, stringMap } from "./common.js";

/** A jar id is the SHA-256 of the bundle: it names the content, never a path. */
export const JAR_ID = "^[0-9a-f]{64}$";
export const jarIdParam: JsonSchema = { type: "string", pattern: JAR_ID, description: "SHA-256 of the uploaded bundle" };

export const jarUploadResponse: JsonSchema = object({
  filename: { type: "string", description: "the jar id (Flink clients take the id from this field's last path segment)" },
  status: { type: "string", enum: ["success"] },
});

export const jarList: JsonSchema = object({
  address: { type: "string" },
  files: arrayOf(
    object({
      id: { type: "string", pattern: JAR_ID },
      name: { type: "string", description: "file name given at upload (metadata only)" },
      uploaded: count,
      size: count,
      entry: arrayOf(object({ name: { type: "string" }, description: nullable({ type: "string" }) })),
    }),
  ),
});

/** What /jars/:jarid/plan takes: how to evaluate the bundle's definition. */
export interface JarPlanRequest {
  programArgsList?: string[];
  programArgs?: string;
  parallelism?: number;
  flinkConfiguration?: Record<string, string>;
  entryClass?: string | null;
  jobId?: string | null;
}

export interface JarRunRequest extends JarPlanRequest {
  savepointPath?: string | null;
  allowNonRestoredState?: boolean | null;
  claimMode?: RestoreMode | null;
  restoreMode?: RestoreMode | null;
}

/** Flink's claim modes of a restore; Sluice never deletes what it restores from, so every mode acts as NO_CLAIM. */
export type RestoreMode = "CLAIM" | "NO_CLAIM" | "LEGACY";

/** The query parameters Flink's jar endpoints also take (the body wins when both are given). */
export interface JarQuery {
  programArg?: string[];
  "entry-class"?: string;
  parallelism?: number;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
}

const planProperties = {
  programArgsList: { ...arrayOf({ type: "string", maxLength: 10_000 }, { maxItems: 1000 }), description: "arguments of the job definition" },
  programArgs: { type: "string", maxLength: 100_000, description: "arguments as one string, split at whitespace (programArgsList wins)" },
  parallelism: { type: "integer", minimum: 1, maximum: 32768, description: "default parallelism of the job" },
  flinkConfiguration: { ...stringMap, maxProperties: 1000, description: "configuration the job definition sees" },
  entryClass: { ...nullable({ type: "string" }), description: "accepted for Flink clients; a bundle has one entry, its default export" },
  jobId: { ...nullable({ type: "string", pattern: "^[0-9a-f]{32}$" }), description: "the id the job gets (default: a random one)" },
} satisfies Record<string, JsonSchema>;

const restoreMode: JsonSchema = { ...nullable({ type: "string", enum: ["CLAIM", "NO_CLAIM", "LEGACY"] }), description: "accepted; Sluice never deletes the savepoint it starts from (NO_CLAIM)" };

export const jarPlanRequest: JsonSchema = object(planProperties, []);

export const jarRunRequest: JsonSchema = object(
  {
    ...planProperties,
    savepointPath: { ...nullable({ type: "string", maxLength: 4096 }), description: "savepoint or retained checkpoint to start from (inside the allowed directories)" },
    allowNonRestoredState: nullable({ type: "boolean" }),
    claimMode: restoreMode,
    restoreMode: { ...restoreMode, description: "Flink's older name of claimMode" },
  },
  [],
);

const entryClassQuery = { schema: { type: "string", maxLength: 1000 }, description: "accepted for Flink clients; must be empty (a bundle has one entry)" } as const;
const programArgQuery = { schema: arrayOf({ type: "string", maxLength: 10_000 }, { maxItems: 1000 }), description: "comma-separated arguments (programArgsList in the body wins)" };
const parallelismQuery = { schema: { type: "integer", minimum: 1, maximum: 32768 } as JsonSchema, description: "default parallelism (the body's wins)" };

export const jarPlanQuery = { programArg: programArgQuery, "entry-class": entryClassQuery, parallelism: parallelismQuery };
export const jarRunQuery = {
  ...jarPlanQuery,
  savepointPath: { schema: { type: "string", maxLength: 4096 } as JsonSchema, description: "savepoint to start from (the body's wins)" },
  allowNonRestoredState: { schema: { type: "boolean" } as JsonSchema, description: "allow state of removed operators (the body's wins)" },
};

export const jarRunResponse: JsonSchema = object({ jobid: { type: "string" } });
