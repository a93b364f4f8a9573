/** The OpenAPI document is generated from the route table and lists every route, consistently. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REST_ROUTES } from "../../src/rest/routes/index.js";
import { openApiDocument, openApiPath } from "../../src/rest/openapi.js";
import { openApiJson } from "../../src/rest/write-openapi.js";
import type { JsonSchema } from "../../src/rest/schema/json-schema.js";
import { REPO_ROOT } from "../support/paths.js";
import { getJson, startRestCluster, type RestCluster } from "./support.js";

let rc: RestCluster;
before(async () => (rc = await startRestCluster({ taskManagers: 1, slots: 1 })));
after(() => rc.close());

/** The routes docs/architecture.md, "REST API and dashboard" requires, plus the ones Sluice adds. */
const REQUIRED = [
  "GET /overview",
  "GET /config",
  "GET /jobs",
  "POST /jobs",
  "GET /jobs/overview",
  "GET /jobs/{jobid}",
  "PATCH /jobs/{jobid}",
  "GET /jobs/{jobid}/exceptions",
  "GET /jobs/{jobid}/execution-result",
  "GET /jobs/{jobid}/checkpoints",
  "GET /jobs/{jobid}/checkpoints/config",
  "POST /jobs/{jobid}/savepoints",
  "GET /jobs/{jobid}/savepoints/{triggerid}",
  "POST /jobs/{jobid}/stop",
  "GET /jobs/{jobid}/vertices/{vertexid}",
  "GET /jobs/{jobid}/vertices/{vertexid}/backpressure",
  "GET /jobs/{jobid}/vertices/{vertexid}/watermarks",
  "POST /jars/upload",
  "GET /jars",
  "POST /jars/{jarid}/run",
  "GET /taskmanagers",
  "GET /taskmanagers/{taskmanagerid}",
  "GET /jobmanager/config",
  "GET /jobmanager/logs",
  "GET /jobmanager/logs/{logname}",
  "GET /openapi.json",
];

test("the served document is the generated one, under / and /v1", async () => {
  const expected = JSON.parse(JSON.stringify(openApiDocument(REST_ROUTES))) as unknown;
  assert.deepEqual(await getJson(rc.url, "/openapi.json"), expected);
  assert.deepEqual(await getJson(rc.url, "/v1/openapi.json"), expected);
});

test("every route is in the document with its method, parameters, body and answers", () => {
  const doc = openApiDocument(REST_ROUTES);
  const listed = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  assert.deepEqual(listed.sort(), REST_ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  for (const r of REQUIRED) assert.ok(listed.includes(r), `missing ${r}`);
  const ids = REST_ROUTES.map((r) => r.operationId);
  assert.equal(new Set(ids).size, ids.length, "operationIds are unique");
  for (const route of REST_ROUTES) {
    const op = doc.paths[openApiPath(route.path)]![route.method.toLowerCase()] as {
      parameters: { name: string; in: string }[];
      responses: Record<string, unknown>;
      requestBody?: unknown;
      security: unknown[];
    };
    const templated = [...route.path.matchAll(/:([a-z]+)/g)].map((m) => m[1]);
    assert.deepEqual(op.parameters.filter((p) => p.in === "path").map((p) => p.name), templated, route.path);
    assert.ok(Object.keys(op.responses).some((s) => s.startsWith("2")), `${route.path} declares a success answer`);
    assert.equal(op.requestBody !== undefined, route.body !== undefined);
    if (route.method !== "GET") assert.deepEqual(op.security, [{ bearerAuth: [] }], `${route.method} ${route.path} needs the token`);
  }
});

test("every schema in the document is well-formed: required fields are declared properties", () => {
  const problems: string[] = [];
  const walk = (s: JsonSchema | undefined, where: string): void => {
    if (!s || typeof s !== "object") return;
    for (const r of s.required ?? []) if (!s.properties || !(r in s.properties)) problems.push(`${where}: required "${r}" is not a property`);
    for (const [k, sub] of Object.entries(s.properties ?? {})) walk(sub, `${where}.${k}`);
    if (typeof s.additionalProperties === "object") walk(s.additionalProperties, `${where}.*`);
    walk(s.items, `${where}[]`);
    for (const alt of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) walk(alt, `${where}|`);
    if (s.pattern) new RegExp(s.pattern, "u");
  };
  for (const r of REST_ROUTES) {
    for (const res of r.responses) walk(res.schema, `${r.method} ${r.path} ${res.status}`);
    if (r.body?.kind === "json") walk(r.body.schema, `${r.method} ${r.path} body`);
    for (const [n, p] of Object.entries({ ...r.params, ...r.query })) walk(p.schema, `${r.method} ${r.path} ${n}`);
  }
  assert.deepEqual(problems, []);
});

test("docs/rest-api.json is current (scripts/write-rest-api-doc.sh writes it)", () => {
  assert.equal(readFileSync(join(REPO_ROOT, "docs", "rest-api.json"), "utf8"), openApiJson());
});
