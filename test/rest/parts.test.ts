/** The REST layer's building blocks: schema validation, parameter coercion, multipart, containment, routing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { coerceParameter, validate, type JsonSchema } from "../../src/rest/schema/json-schema.js";
import { parseMultipart, boundaryOf } from "../../src/rest/http/multipart.js";
import { resolveInside } from "../../src/util/contained-path.js";
import { isLoopbackName } from "../../src/rest/http/access.js";
import { Router } from "../../src/rest/router.js";
import { REST_ROUTES } from "../../src/rest/routes/index.js";
import { splitProgramArgs } from "../../src/rest/routes/jar-routes.js";
import { isSensitiveKey, redactConfig } from "../../src/config/sensitive-keys.js";
import { RestError } from "../../src/rest/route.js";

test("validate names every offending field", () => {
  const schema: JsonSchema = {
    type: "object",
    required: ["a", "b"],
    additionalProperties: false,
    properties: { a: { type: "integer", minimum: 1 }, b: { type: "array", items: { type: "string", pattern: "^x" } }, c: { type: ["string", "null"], enum: ["p", null] } },
  };
  assert.deepEqual(validate(schema, { a: 1, b: ["xy"], c: null }), []);
  assert.deepEqual(validate(schema, { a: 1.5, b: ["y"], c: "q", d: 1 }, "body"), [
    "body.a: expected integer, got 1.5",
    'body.b[0]: "y" does not match ^x',
    'body.c: must be one of "p", null, got "q"',
    "body.d: unknown field",
  ]);
  assert.deepEqual(validate(schema, {}), ["value.a: is required", "value.b: is required"]);
  assert.deepEqual(validate({ type: "number" }, Number.NaN), ["value: expected number, got number"]);
  assert.equal(validate({ type: "array", items: { type: "integer" } }, Array(100).fill("x")).length, 20, "errors are capped");
  // __proto__ as a key is just an unknown field, never a prototype change.
  assert.deepEqual(validate(schema, JSON.parse('{"a":1,"b":[],"__proto__":{"x":1}}')), ["value.__proto__: unknown field"]);
});

test("parameters are coerced to their declared types, unparsable ones left for validation", () => {
  assert.equal(coerceParameter({ type: "integer" }, "12"), 12);
  assert.equal(coerceParameter({ type: "integer" }, "12x"), "12x");
  assert.equal(coerceParameter({ type: "integer" }, ""), "");
  assert.equal(coerceParameter({ type: "boolean" }, "true"), true);
  assert.deepEqual(coerceParameter({ type: "array", items: { type: "integer" } }, "1,2"), [1, 2]);
  assert.equal(coerceParameter({ type: "string" }, "007"), "007");
});

test("multipart bodies: parts with names and file names; malformed ones are 400", () => {
  const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nv\r\n--b\r\nContent-Disposition: form-data; name="jarfile"; filename="a \\"q\\".mjs"\r\nContent-Type: text/javascript\r\n\r\nline1\r\nline2\r\n--b--\r\n');
  const parts = parseMultipart(body, "b");
  assert.deepEqual(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString()]), [
    ["x", undefined, undefined, "v"],
    ["jarfile", 'a "q".mjs', "text/javascript", "line1\r\nline2"],
  ]);
  assert.equal(boundaryOf('multipart/form-data; boundary="a b"'), "a b");
  assert.throws(() => boundaryOf("multipart/form-data"), RestError);
  for (const bad of ["no boundary here", "--b\r\nX: y\r\n\r\nunterminated", "--bgarbage", "--b\r\nContent-Type: x\r\n\r\nv\r\n--b--"]) {
    assert.throws(() => parseMultipart(Buffer.from(bad), "b"), (e: unknown) => e instanceof RestError && e.status === 400, bad);
  }
});

test("resolveInside keeps names inside their directory, links included", () => {
  const root = mkdtempSync(join(tmpdir(), "sluice-contained-"));
  const dir = join(root, "logs");
  mkdirSync(join(dir, "sub"), { recursive: true });
  writeFileSync(join(dir, "a.log"), "a");
  writeFileSync(join(dir, "sub", "b.log"), "b");
  writeFileSync(join(root, "secret"), "s");
  symlinkSync(join(root, "secret"), join(dir, "link"));
  assert.ok(resolveInside(dir, "a.log")?.endsWith("a.log"));
  assert.equal(resolveInside(dir, "sub/b.log"), undefined, "one name unless nested");
  assert.ok(resolveInside(dir, "sub/b.log", true)?.endsWith("b.log"));
  for (const name of ["../secret", "..", ".", "", "link", "sub", "/etc/passwd", "a.log\0", ".hidden", "sub/../../secret"]) {
    assert.equal(resolveInside(dir, name, true), undefined, name);
  }
});

test("the router prefers literal segments and reports allowed methods", () => {
  const router = new Router(REST_ROUTES);
  const overview = router.match("GET", "/jobs/overview");
  assert.ok(overview && "route" in overview && overview.route.operationId === "listJobOverviews");
  const job = router.match("GET", "/jobs/0123");
  assert.ok(job && "route" in job && job.params.jobid === "0123");
  assert.deepEqual(router.match("DELETE", "/jobs"), { allowed: ["GET", "POST"] });
  assert.equal(router.match("GET", "/nothing/here"), undefined);
  assert.throws(() => router.match("GET", "/jobs/%E0%A4%A"), RestError);
});

test("small helpers: program args, loopback names, secret keys", () => {
  assert.deepEqual(splitProgramArgs(`a "b c" 'd e' f\\"g`), ["a", "b c", "d e", 'f\\"g']);
  for (const n of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "app.localhost"]) assert.ok(isLoopbackName(n), n);
  for (const n of ["0.0.0.0", "example.com", "10.0.0.1", "localhost.evil.com"]) assert.ok(!isLoopbackName(n), n);
  for (const k of ["rest.auth.token", "security.cluster.secret", "s3.access-key.password", "fs.azure.apikey"]) assert.ok(isSensitiveKey(k), k);
  assert.deepEqual(redactConfig({ "rest.port": "1", "rest.auth.token": "t" }), { "rest.port": "1", "rest.auth.token": "******" });
});
