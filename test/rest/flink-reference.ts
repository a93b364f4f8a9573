/**
 * Flink 2.2's REST reference (test/rest/reference/flink-rest-2.2.json: every method, path,
 * parameter and request/response JSON schema of Flink's dispatcher REST API, parsed from its
 * documentation) and a checker that compares a Sluice answer with the schema Flink documents: every
 * documented field present, with Flink's JSON type, at every depth (array items and map values too).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface FlinkSchema {
  type?: string | { type: string };
  id?: string;
  $ref?: string;
  properties?: Record<string, FlinkSchema>;
  items?: FlinkSchema;
  additionalProperties?: FlinkSchema | boolean;
  enum?: unknown[];
}

export interface FlinkEndpoint {
  path: string;
  method: string;
  status: string;
  path_params: string[];
  query_params: { name: string; mandatory: boolean }[];
  request: FlinkSchema;
  response: FlinkSchema;
}

// Compiled to dist/test/rest/: the JSON stays in the source tree.
const FILE = fileURLToPath(new URL("../../../test/rest/reference/flink-rest-2.2.json", import.meta.url));

export function loadFlinkReference(): FlinkEndpoint[] {
  return (JSON.parse(readFileSync(FILE, "utf8")) as { endpoints: FlinkEndpoint[] }).endpoints;
}

/** Schemas by their `id`, for `$ref` (Jackson's JSON schema refers back to types it has already written). */
export function schemaIndex(endpoints: FlinkEndpoint[]): Map<string, FlinkSchema> {
  const index = new Map<string, FlinkSchema>();
  const visit = (s: unknown): void => {
    if (!s || typeof s !== "object") return;
    const schema = s as FlinkSchema;
    if (typeof schema.id === "string" && schema.type !== undefined && !index.has(schema.id)) index.set(schema.id, schema);
    for (const v of Object.values(schema)) visit(v);
  };
  for (const e of endpoints) {
    visit(e.request);
    visit(e.response);
  }
  return index;
}

export interface Mismatch {
  /** `.vertices[].metrics.accumulated-busy-time` style, `[]` for array items, `{*}` for map values. */
  field: string;
  problem: string;
}

function typeOf(s: FlinkSchema): string | undefined {
  return typeof s.type === "object" ? s.type.type : s.type;
}

function jsonTypeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "any":
      return true;
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    default:
      return true;
  }
}

const describe = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v);

/** Everything in `value` that differs from what Flink documents in `schema`. */
export function checkAgainst(schema: FlinkSchema, value: unknown, refs: Map<string, FlinkSchema>, field = "", seen = new Set<string>()): Mismatch[] {
  let s = schema;
  if (s.$ref) {
    // A type that contains itself (e.g. a nested exception list) is checked once per path.
    if (seen.has(s.$ref)) return [];
    const resolved = refs.get(s.$ref);
    if (!resolved) return [];
    seen = new Set(seen).add(s.$ref);
    s = resolved;
  }
  const type = typeOf(s);
  if (type === undefined) return [];
  if (!jsonTypeMatches(type, value)) return [{ field: field || ".", problem: `expected ${type}, got ${describe(value)}` }];
  const out: Mismatch[] = [];
  if (type === "object") {
    const obj = value as Record<string, unknown>;
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      if (!(name in obj)) out.push({ field: `${field}.${name}`, problem: "missing" });
      else out.push(...checkAgainst(sub, obj[name], refs, `${field}.${name}`, seen));
    }
    if (s.additionalProperties && typeof s.additionalProperties === "object") {
      for (const v of Object.values(obj)) out.push(...checkAgainst(s.additionalProperties, v, refs, `${field}{*}`, seen));
    }
  }
  if (type === "array" && s.items) for (const item of value as unknown[]) out.push(...checkAgainst(s.items, item, refs, `${field}[]`, seen));
  // One report per field, not one per array item.
  return [...new Map(out.map((m) => [`${m.field} ${m.problem}`, m])).values()];
}
