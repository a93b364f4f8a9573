import type { JsonSchema } from "./schema/json-schema.js";
import type { Route } from "./route.js";
export interface OpenApiDocument {
    openapi: "3.1.0";
    info: {
        title: string;
        version: string;
        description: string;
    };
    servers: {
        url: string;
        description: string;
    }[];
    components: {
        securitySchemes: Record<string, unknown>;
        schemas: Record<string, JsonSchema>;
    };
    paths: Record<string, Record<string, unknown>>;
}
/** "/jobs/:jobid/vertices/:vertexid" → "/jobs/{jobid}/vertices/{vertexid}" */
export declare function openApiPath(path: string): string;
export declare function openApiDocument(routes: readonly Route[]): OpenApiDocument;
