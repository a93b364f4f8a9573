/**
 * The OpenAPI 3.1 document, generated from the route table: the same schemas the server validates
 * requests with, so the document cannot drift from what is enforced. The dashboard generates its
 * typed client from it; scripts/write-rest-api-doc.sh writes it to docs/rest-api.json.
 */
import { SLUICE_VERSION } from "../version.js";
import type { JsonSchema } from "./schema/json-schema.js";
import type { Route } from "./route.js";
import { errorBody } from "./schemas/common.js";

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, JsonSchema> };
  paths: Record<string, Record<string, unknown>>;
}

/** "/jobs/:jobid/vertices/:vertexid" → "/jobs/{jobid}/vertices/{vertexid}" */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

const ERROR_REF = { $ref: "#/components/schemas/ErrorResponse" } as unknown as JsonSchema;

/** A titled schema's place in the document: its components entry, referred to by `$ref`. */
function refTo(title: string): JsonSchema {
  return { $ref: `#/components/schemas/${title}` } as unknown as JsonSchema;
}

/**
 * Moves every schema with a `title` (common.ts `named`) into `components.schemas` under that title and
 * refers to it there, so that the generated types declare each shared shape once. Two different
 * schemas under one title are a mistake in the route table and fail the document.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly texts = new Map<string, string>();

  hoist(schema: JsonSchema | undefined): JsonSchema | undefined {
    if (!schema || typeof schema !== "object") return schema;
    const s: JsonSchema = { ...schema };
    if (s.properties) s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, this.hoist(v)!]));
    if (typeof s.additionalProperties === "object") s.additionalProperties = this.hoist(s.additionalProperties);
    if (s.items) s.items = this.hoist(s.items);
    if (s.oneOf) s.oneOf = s.oneOf.map((a) => this.hoist(a)!);
    if (s.anyOf) s.anyOf = s.anyOf.map((a) => this.hoist(a)!);
    if (!s.title) return s;
    const text = JSON.stringify(s);
    const known = this.texts.get(s.title);
    if (known !== undefined && known !== text) throw new Error(`two different REST schemas are named ${s.title}: give one another title`);
    this.texts.set(s.title, text);
    this.schemas[s.title] = s;
    return refTo(s.title);
  }
}

function operation(route: Route, components: SchemaComponents): Record<string, unknown> {
  const parameters = [
    ...Object.entries(route.params).map(([name, p]) => ({ name, in: "path", required: true, description: p.description, schema: components.hoist(p.schema) })),
    ...Object.entries(route.query).map(([name, p]) => ({ name, in: "query", required: p.required ?? false, description: p.description, schema: components.hoist(p.schema) })),
  ];
  const responses: Record<string, unknown> = {};
  for (const r of route.responses) {
    responses[String(r.status)] = {
      description: r.description,
      ...(r.schema ? { content: { "application/json": { schema: r.status >= 400 ? ERROR_REF : components.hoist(r.schema) } } } : {}),
      ...(r.contentType ? { content: { [r.contentType]: { schema: { type: "string" } } } } : {}),
    };
  }
  const error = (description: string): unknown => ({ description, content: { "application/json": { schema: ERROR_REF } } });
  if (parameters.length || route.body) responses["400"] ??= error("invalid request: the errors name each offending field");
  if (route.auth !== "none") responses["401"] ??= error("a bearer token is needed (rest.auth.token) and was missing or wrong");
  if (route.body) responses["413"] ??= error("request body larger than allowed");
  if (route.body) responses["415"] ??= error("unsupported Content-Type");
  const op: Record<string, unknown> = { operationId: route.operationId, summary: route.summary, tags: route.tags, parameters, responses };
  if (route.body?.kind === "json") {
    op.requestBody = { required: route.body.required, description: route.body.description, content: { "application/json": { schema: components.hoist(route.body.schema) } } };
  } else if (route.body?.kind === "multipart") {
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
  if (route.auth === "write") op.security = [{ bearerAuth: [] }];
  else if (route.auth === "read") op.security = [{ bearerAuth: [] }, {}];
  else op.security = [];
  return op;
}

export function openApiDocument(routes: readonly Route[]): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = new SchemaComponents();
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r, components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Sluice REST API",
      version: SLUICE_VERSION,
      description:
        "The Dispatcher's REST API, with Apache Flink's paths and field names. Every path is also served under the /v1 prefix. " +
        "Errors are JSON: {\"errors\": [\"…\"]}. Mutating endpoints need `Authorization: Bearer <rest.auth.token>` when a token is configured.",
    },
    servers: [
      { url: "/", description: "this server" },
      { url: "/v1", description: "the same API under Flink's version prefix" },
    ],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "rest.auth.token" } },
      schemas: { ErrorResponse: errorBody, ...sortedByName(components.schemas) },
    },
    paths,
  };
}

function sortedByName(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}
