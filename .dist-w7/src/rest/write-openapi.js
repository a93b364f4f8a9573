/**
 * Writes the OpenAPI document of the REST API to a file (scripts/write-rest-api-doc.sh writes
 * docs/rest-api.json; a test checks that file is current). Usage: node write-openapi.js <file>
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "./openapi.js";
import { REST_ROUTES } from "./routes/index.js";
export function openApiJson() {
    return JSON.stringify(openApiDocument(REST_ROUTES), null, 2) + "\n";
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const file = process.argv[2];
    if (!file) {
        process.stderr.write("usage: node write-openapi.js <file>\n");
        process.exit(2);
    }
    writeFileSync(file, openApiJson());
    process.stderr.write(`wrote ${file}\n`);
}
//# sourceMappingURL=write-openapi.js.map