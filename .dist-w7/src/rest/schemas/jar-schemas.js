import { arrayOf, count, nullable, object, stringMap } from "./common.js";
/** A jar id is the SHA-256 of the bundle: it names the content, never a path. */
export const JAR_ID = "^[0-9a-f]{64}$";
export const jarIdParam = { type: "string", pattern: JAR_ID, description: "SHA-256 of the uploaded bundle" };
export const jarUploadResponse = object({
    filename: { type: "string", description: "the jar id (Flink clients take the id from this field's last path segment)" },
    status: { type: "string", enum: ["success"] },
});
export const jarList = object({
    address: { type: "string" },
    files: arrayOf(object({
        id: { type: "string", pattern: JAR_ID },
        name: { type: "string", description: "file name given at upload (metadata only)" },
        uploaded: count,
        size: count,
        entry: arrayOf(object({ name: { type: "string" }, description: nullable({ type: "string" }) })),
    })),
});
export const jarRunRequest = object({
    programArgsList: { ...arrayOf({ type: "string", maxLength: 10_000 }, { maxItems: 1000 }), description: "arguments of the job definition" },
    programArgs: { type: "string", maxLength: 100_000, description: "arguments as one string, split at whitespace (programArgsList wins)" },
    parallelism: { type: "integer", minimum: 1, maximum: 32768, description: "default parallelism of the job" },
    flinkConfiguration: { ...stringMap, maxProperties: 1000, description: "configuration the job definition sees" },
    entryClass: { ...nullable({ type: "string" }), description: "accepted for Flink clients; a bundle has one entry, its default export" },
    savepointPath: { ...nullable({ type: "string", maxLength: 4096 }), description: "savepoint or retained checkpoint to start from (inside the allowed directories)" },
    allowNonRestoredState: nullable({ type: "boolean" }),
}, []);
export const jarRunResponse = object({ jobid: { type: "string" } });
//# sourceMappingURL=jar-schemas.js.map