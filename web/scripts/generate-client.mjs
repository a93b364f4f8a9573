#!/usr/bin/env node
/**
 * Generates the REST API's types and the dashboard's typed REST client from the OpenAPI document
 * (docs/rest-api.json, itself generated from the server's route table):
 *  - src/rest/schemas/rest-types.ts (one module per tag under types/): the type of every answer, body,
 *    path and query, declared once next to the schemas they come from, and used by the Node client,
 *    the CLI and the dashboard;
 *  - web/src/api/generated.ts: the dashboard's operations (one per operationId) over those types. Written here rather than
 * taken from openapi-typescript because that tool's TypeScript peer is 5 and Sluice builds with 7;
 * the schemas are the small JSON Schema subset the route table uses (src/rest/schema/json-schema.ts),
 * so a few dozen lines cover them.
 *
 *   node web/scripts/generate-client.mjs           writes the files
 *   node web/scripts/generate-client.mjs --check   exits 1 when a committed file is stale (tests)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SPEC = `${ROOT}docs/rest-api.json`;
const OUT = `${ROOT}web/src/api/generated.ts`;
const TYPES_OUT = `${ROOT}src/rest/schemas/rest-types.ts`;
const TYPES_DIR = `${ROOT}src/rest/schemas/types`;
/** How generated.ts imports the types (a bundler path: vite and the dashboard's tsconfig resolve it). */
const TYPES_FROM_WEB = "../../../src/rest/schemas/rest-types";

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k) => (IDENT.test(k) ? k : JSON.stringify(k));
const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const indent = (text, by) => text.replace(/\n/g, `\n${by}`);

/** A one-line JSDoc comment (descriptions are prose; keep "*\/" from ending the comment). */
function doc(description, pad) {
  if (!description) return "";
  return `${pad}/** ${String(description).replace(/\*\//g, "*\\/").replace(/\s+/g, " ")} */\n`;
}

/** JSON Schema (the route table's subset) → a TypeScript type expression. */
export function typeOf(schema) {
  if (!schema || schema === true) return "unknown";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf || schema.oneOf) return [...new Set((schema.anyOf ?? schema.oneOf).map((s) => typeOf(s)))].join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? objectType(schema) : "unknown";
  const parts = types.map((t) => {
    switch (t) {
      case "string":
        return schema.format === "binary" ? "Blob" : "string";
      case "integer":
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array":
        return arrayType(schema.items);
      case "object":
        return objectType(schema);
      default:
        return "unknown";
    }
  });
  return [...new Set(parts)].join(" | ");
}

function arrayType(items) {
  const inner = typeOf(items);
  return /^[A-Za-z0-9_."]+$/.test(inner) ? `${inner}[]` : `Array<${inner}>`;
}

function objectType(schema) {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(props).map(([name, p]) => `${doc(p.description, "  ")}  ${key(name)}${required.has(name) ? "" : "?"}: ${indent(typeOf(p), "  ")};`);
  const extra = schema.additionalProperties;
  // Open objects (no additionalProperties: false) may carry more fields than the schema names.
  if (extra && typeof extra === "object") lines.push(`  [key: string]: ${indent(typeOf(extra), "  ")}${lines.length ? " | undefined" : ""};`);
  else if (extra === undefined && lines.length === 0) return "Record<string, unknown>";
  return lines.length ? `{\n${lines.join("\n")}\n}` : "Record<string, never>";
}

function successResponse(op) {
  const ok = Object.entries(op.responses).filter(([status]) => status.startsWith("2"));
  const [status, response] = ok[0] ?? ["204", {}];
  const content = response.content ?? {};
  if (content["application/json"]) return { kind: "json", status, type: typeOf(content["application/json"].schema) };
  if (Object.keys(content).length) return { kind: "text", status, type: "string" };
  return { kind: "none", status, type: "void" };
}

/** The generated modules' texts: `types` (src/rest/schemas/rest-types.ts) and `client` (web/src/api/generated.ts). */
export function generate(spec) {
  const out = [];
  /** Type declarations by module (an operation's first tag; "common" for shared schemas). */
  const types = new Map();
  const names = [];
  const declare = (name, text, group = "common") => {
    names.push(name);
    if (!types.has(group)) types.set(group, []);
    types.get(group).push(text, "");
  };
  const header = [
    "// Generated by web/scripts/generate-client.mjs from docs/rest-api.json: do not edit by hand.",
    `// ${spec.info.title} ${spec.info.version}`,
    "/* eslint-disable */",
    "",
  ];
  out.push(
    ...header,
    "/** What the generated operations need from an HTTP layer (web/src/api/http.ts implements it). */",
    "export interface ApiRequest {",
    "  method: \"GET\" | \"POST\" | \"PATCH\" | \"DELETE\";",
    "  /** The path with its parameters filled in, without a query string. */",
    "  path: string;",
    "  query?: Record<string, string | number | boolean | undefined>;",
    "  /** A JSON body, or FormData for multipart uploads. */",
    "  body?: unknown;",
    "  /** How the answer is read. */",
    "  response: \"json\" | \"text\" | \"none\";",
    "  /** Whether the operation needs the bearer token when one is configured. */",
    "  auth: \"none\" | \"read\" | \"write\";",
    "}",
    "",
    "export interface Transport {",
    "  request(req: ApiRequest): Promise<unknown>;",
    "}",
    "",
  );
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    declare(name, doc(schema.description, "") + `export type ${name} = ${typeOf(schema)};`);
  }
  const methods = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const id = op.operationId;
      const T = pascal(id);
      const group = op.tags?.[0] ?? "common";
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path");
      const queryParams = params.filter((p) => p.in === "query");
      const response = successResponse(op);
      const args = [];
      if (pathParams.length) {
        declare(`${T}Path`, `export interface ${T}Path {\n${pathParams.map((p) => `${doc(p.description, "  ")}  ${key(p.name)}: ${typeOf(p.schema)};`).join("\n")}\n}`, group);
        args.push(`path: ${T}Path`);
      }
      if (queryParams.length) {
        declare(`${T}Query`, `export interface ${T}Query {\n${queryParams.map((p) => `${doc(p.description, "  ")}  ${key(p.name)}${p.required ? "" : "?"}: ${typeOf(p.schema)};`).join("\n")}\n}`, group);
        args.push(`query${queryParams.some((p) => p.required) ? "" : "?"}: ${T}Query`);
      }
      const body = op.requestBody;
      if (body?.content?.["application/json"]) {
        declare(`${T}Body`, doc(body.description, "") + `export type ${T}Body = ${typeOf(body.content["application/json"].schema)};`, group);
        args.push(`body${body.required ? "" : "?"}: ${T}Body`);
      } else if (body?.content?.["multipart/form-data"]) {
        declare(`${T}Body`, doc(body.description, "") + `export type ${T}Body = FormData;`, group);
        args.push(`body: ${T}Body`);
      }
      if (response.kind === "json") declare(`${T}Response`, `/** ${response.status} answer of ${method.toUpperCase()} ${path} */\nexport type ${T}Response = ${response.type};`, group);
      const security = op.security ?? [];
      const auth = security.length === 0 ? "none" : security.some((s) => Object.keys(s).length === 0) ? "read" : "write";
      const optionalArgs = args.every((a) => /^\w+\?/.test(a));
      const argList = args.length ? `args${optionalArgs ? "?" : ""}: { ${args.join("; ")} }` : "";
      const filled = path.replace(/\{([^}]+)\}/g, (_m, p) => `\${encodeURIComponent(String(args.path.${p}))}`);
      const result = response.kind === "json" ? `${T}Response` : response.kind === "text" ? "string" : "void";
      const fields = [
        `method: "${method.toUpperCase()}"`,
        `path: ${pathParams.length ? `\`${filled}\`` : JSON.stringify(path)}`,
        ...(queryParams.length ? [`query: ${optionalArgs ? "args?.query" : "args.query"} as ApiRequest["query"]`] : []),
        ...(body ? [`body: ${optionalArgs ? "args?.body" : "args.body"}`] : []),
        `response: "${response.kind}"`,
        `auth: "${auth}"`,
      ];
      methods.push(
        `${doc(`${method.toUpperCase()} ${path}: ${op.summary}`, "    ")}    ${id}: (${argList}): Promise<${result}> =>\n      transport.request({ ${fields.join(", ")} }) as Promise<${result}>,`,
      );
    }
  }
  // The types come from the REST layer's declaration; the dashboard's modules keep importing them from here.
  out.splice(header.length, 0, `import type {\n${names.map((n) => `  ${n},`).join("\n")}\n} from "${TYPES_FROM_WEB}";`, `export type * from "${TYPES_FROM_WEB}";`, "");
  out.push(
    "/** One method per operation of the OpenAPI document, named by its operationId. */",
    "export function createApi(transport: Transport) {",
    "  return {",
    ...methods,
    "  };",
    "}",
    "",
    "export type Api = ReturnType<typeof createApi>;",
    "",
  );
  const typesHeader = (what) => [...header.slice(0, 3), `// ${what}`, ""];
  const modules = [...types.keys()].sort();
  // Named shapes (components.schemas) are declared in common.ts; the other modules import those they use.
  const shared = Object.keys(spec.components?.schemas ?? {});
  const importsOf = (group, body) => {
    if (group === "common") return [];
    const used = shared.filter((name) => new RegExp(`\\b${name}\\b`).test(body));
    return used.length ? [`import type { ${used.join(", ")} } from "./common.js";`, ""] : [];
  };
  const files = modules.map((group) => {
    const body = types.get(group).join("\n");
    return [`${group}.ts`, [...typesHeader(`The REST API's ${group} types, from the route schemas (src/rest/schemas/).`), ...importsOf(group, body), body].join("\n")];
  });
  const index = [...typesHeader("The REST API's request and answer types, one module per tag of the OpenAPI document."), ...modules.map((g) => `export type * from "./types/${g}.js";`), ""].join("\n");
  return { index, files, client: out.join("\n") };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const generated = generate(JSON.parse(readFileSync(SPEC, "utf8")));
  const files = [[TYPES_OUT, generated.index], ...generated.files.map(([name, text]) => [`${TYPES_DIR}/${name}`, text]), [OUT, generated.client]];
  if (process.argv.includes("--check")) {
    for (const [file, text] of files) {
      let current = "";
      try {
        current = readFileSync(file, "utf8");
      } catch {
        // Missing counts as stale.
      }
      if (current !== text) {
        process.stderr.write(`${file} is not current with docs/rest-api.json: run node web/scripts/generate-client.mjs\n`);
        process.exit(1);
      }
    }
  } else {
    mkdirSync(TYPES_DIR, { recursive: true });
    for (const [file, text] of files) {
      writeFileSync(file, text);
      process.stderr.write(`wrote ${file}\n`);
    }
  }
}
