/**
 * The OpenAPI 3.1 document, generated from the route table: the same schemas the server validates
 * requests with, so the document cannot drift from what is enforced. The dashboard generates its
 * typed client from it; scripts/write-rest-api-doc.sh writes it to docs/rest-api.json.
 */
import { SLUICE_VERSION } from "../version.js";
import { errorBody } from "./schemas/common.js";
/** "/jobs/:jobid/vertices/:vertexid" → "/jobs/{jobid}/vertices/{vertexid}" */
export function openApiPath(path) {
    return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}
const ERROR_REF = { $ref: "#/components/schemas/ErrorResponse" };
function operation(route) {
    const parameters = [
        ...Object.entries(route.params).map(([name, p]) => ({ name, in: "path", required: true, description: p.description, schema: p.schema })),
        ...Object.entries(route.query).map(([name, p]) => ({ name, in: "query", required: p.required ?? false, description: p.description, schema: p.schema })),
    ];
    const responses = {};
    for (const r of route.responses) {
        responses[String(r.status)] = {
            description: r.description,
            ...(r.schema ? { content: { "application/json": { schema: r.status >= 400 ? ERROR_REF : r.schema } } } : {}),
            ...(r.contentType ? { content: { [r.contentType]: { schema: { type: "string" } } } } : {}),
        };
    }
    const error = (description) => ({ description, content: { "application/json": { schema: ERROR_REF } } });
    if (parameters.length || route.body)
        responses["400"] ??= error("invalid request: the errors name each offending field");
    if (route.auth !== "none")
        responses["401"] ??= error("a bearer token is needed (rest.auth.token) and was missing or wrong");
    if (route.body)
        responses["413"] ??= error("request body larger than allowed");
    if (route.body)
        responses["415"] ??= error("unsupported Content-Type");
    const op = { operationId: route.operationId, summary: route.summary, tags: route.tags, parameters, responses };
    if (route.body?.kind === "json") {
        op.requestBody = { required: route.body.required, description: route.body.description, content: { "application/json": { schema: route.body.schema } } };
    }
    else if (route.body?.kind === "multipart") {
        op.requestBody = {
            required: true,
            description: route.body.description,
            content: {
                "multipart/form-data": {
                    schema: { type: "object", required: [route.body.fileField], properties: { [route.body.fileField]: { type: "string", format: "binary" } } },
                },
            },
        };
    }
    // Writes always need the token when one is configured; reads only with rest.auth.read (so optional).
    if (route.auth === "write")
        op.security = [{ bearerAuth: [] }];
    else if (route.auth === "read")
        op.security = [{ bearerAuth: [] }, {}];
    else
        op.security = [];
    return op;
}
export function openApiDocument(routes) {
    const paths = {};
    for (const r of routes)
        (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r);
    return {
        openapi: "3.1.0",
        info: {
            title: "Sluice REST API",
            version: SLUICE_VERSION,
            description: "The Dispatcher's REST API, with Apache Flink's paths and field names. Every path is also served under the /v1 prefix. " +
                "Errors are JSON: {\"errors\": [\"…\"]}. Mutating endpoints need `Authorization: Bearer <rest.auth.token>` when a token is configured.",
        },
        servers: [
            { url: "/", description: "this server" },
            { url: "/v1", description: "the same API under Flink's version prefix" },
        ],
        components: {
            securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "rest.auth.token" } },
            schemas: { ErrorResponse: errorBody },
        },
        paths,
    };
}
//# sourceMappingURL=openapi.js.map