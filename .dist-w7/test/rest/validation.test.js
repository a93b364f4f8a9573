/**
 * Bad requests get 4xx with Flink's {"errors": [...]} naming what is wrong: malformed JSON, wrong
 * types, unknown fields, wrong content types, unknown paths and methods, inconsistent JobGraphs.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { prepareJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { call, errorsOf, getJson, startRestCluster } from "./support.js";
let rc;
let prepared;
before(async () => {
    rc = await startRestCluster({ config: { "rest.request.max-bytes": "4096" } });
    prepared = await prepareJob(testJob("rest/keyed-sums.ts"), { args: ["100"] });
});
after(() => rc.close());
function submission() {
    const { bundle, evaluated, inputs } = prepared;
    return { jobGraph: structuredClone(evaluated.jobGraph), bundle: { hash: bundle.hash, code: bundle.code }, definition: { ...inputs } };
}
async function expect400(method, path, init, message, status = 400) {
    const a = await call(rc.url, method, path, init);
    assert.equal(a.status, status, `${method} ${path}: ${a.text.slice(0, 300)}`);
    assert.match(errorsOf(a).join("\n"), message);
}
test("POST /jobs: malformed JSON, wrong types, missing and unknown fields", async () => {
    await expect400("POST", "/jobs", { body: "{\"jobGraph\": ", headers: { "content-type": "application/json" } }, /not valid JSON/);
    await expect400("POST", "/jobs", { body: "", headers: { "content-type": "application/json" } }, /needs a JSON request body/);
    await expect400("POST", "/jobs", { json: { jobGraph: 1, bundle: {}, definition: {} } }, /body\.jobGraph: expected object, got 1/);
    await expect400("POST", "/jobs", { json: { ...submission(), extra: true } }, /body\.extra: unknown field/);
    const s = submission();
    delete s.definition;
    await expect400("POST", "/jobs", { json: s }, /body\.definition: is required/);
    const wrongArgs = submission();
    wrongArgs.definition.args = [1, 2];
    await expect400("POST", "/jobs", { json: wrongArgs }, /body\.definition\.args\[0\]: expected string, got 1/);
    const badHash = submission();
    badHash.bundle.hash = "f".repeat(64);
    await expect400("POST", "/jobs", { json: badHash }, /bundle\.hash: is not the SHA-256 of bundle\.code/);
    const nonHex = submission();
    nonHex.bundle.hash = "../../etc/passwd";
    await expect400("POST", "/jobs", { json: nonHex }, /body\.bundle\.hash: .* does not match/);
    await expect400("POST", "/jobs", { body: JSON.stringify(submission()), headers: { "content-type": "text/plain" } }, /takes application\/json/, 415);
});
test("POST /jobs: an inconsistent JobGraph is refused before it reaches the Dispatcher", async () => {
    const danglingEdge = submission();
    const edges = danglingEdge.jobGraph.edges;
    edges[0].target = "f".repeat(32);
    await expect400("POST", "/jobs", { json: danglingEdge }, /edge \d+ ends at unknown vertex f{32}/);
    const tooParallel = submission();
    const vertices = tooParallel.jobGraph.vertices;
    vertices[0].parallelism = vertices[0].maxParallelism + 1;
    await expect400("POST", "/jobs", { json: tooParallel }, /above its max parallelism/);
    const badPartitioner = submission();
    badPartitioner.jobGraph.edges[0].partitioner = { type: "teleport" };
    await expect400("POST", "/jobs", { json: badPartitioner }, /partitioner\.type: must be one of/);
    const outsideSavepoint = { ...submission(), savepointPath: "/etc/passwd" };
    await expect400("POST", "/jobs", { json: outsideSavepoint }, /savepointPath: \/etc\/passwd is outside the allowed directories/);
    assert.deepEqual((await getJson(rc.url, "/jobs")).jobs, []);
    // The real submission is accepted with Flink's 202 and jobUrl.
    const ok = await call(rc.url, "POST", "/jobs", { json: submission() });
    assert.equal(ok.status, 202, ok.text);
    const { jobUrl, jobid } = ok.json;
    assert.equal(jobUrl, `/jobs/${jobid}`);
    assert.equal((await new RestClusterClient({ baseUrl: rc.url }).result(jobid)).state, "FINISHED");
});
test("bodies above rest.request.max-bytes are 413; bodies on routes without one are ignored", async () => {
    await expect400("POST", "/jobs/0123456789abcdef0123456789abcdef/stop", { json: { targetDirectory: "x".repeat(5000) } }, /exceeds the limit of 4096 bytes/, 413);
    const a = await call(rc.url, "GET", "/overview", { body: "ignored" });
    assert.equal(a.status, 200);
});
test("query and path parameters are checked against their schemas", async () => {
    const id = "0123456789abcdef0123456789abcdef";
    await expect400("PATCH", `/jobs/${id}?mode=stop`, {}, /query parameter mode: must be one of "cancel"/);
    await expect400("GET", `/jobs/${id}/exceptions?maxExceptions=many`, {}, /query parameter maxExceptions: expected integer, got "many"/);
    await expect400("GET", `/jobs/${id}/exceptions?maxExceptions=0`, {}, /must be >= 1/);
    await expect400("GET", `/jobs/${id.toUpperCase()}`, {}, /path parameter jobid/);
    await expect400("GET", `/jobs/${id}/vertices/x`, {}, /path parameter vertexid/);
    await expect400("GET", `/jobs/${id}/savepoints/zz`, {}, /path parameter triggerid/);
    await expect400("GET", "/jobs/%E0%A4%A", {}, /not valid percent-encoding/);
    // Unknown query parameters are ignored (dashboards add cache busters).
    assert.equal((await call(rc.url, "GET", "/overview?_=123")).status, 200);
});
test("unknown paths are 404, wrong methods 405 with Allow, all with JSON bodies", async () => {
    const unknown = await call(rc.url, "GET", "/nope");
    assert.equal(unknown.status, 404);
    assert.match(errorsOf(unknown)[0], /not found: GET \/nope/);
    const wrong = await call(rc.url, "DELETE", "/overview");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, "GET");
    errorsOf(wrong);
    const put = await call(rc.url, "PUT", "/jobs");
    assert.equal(put.status, 405);
    assert.match(String(put.headers.allow), /GET/);
    assert.match(String(put.headers.allow), /POST/);
    // Flink's version prefix and HEAD work.
    assert.equal((await call(rc.url, "GET", "/v1/jobs/overview")).status, 200);
    const head = await call(rc.url, "HEAD", "/overview");
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
});
test("malformed HTTP gets a JSON 400 and the connection closes", async () => {
    const port = Number(new URL(rc.url).port);
    const answer = await new Promise((resolve, reject) => {
        const s = connect(port, "127.0.0.1", () => s.write("GARBAGE / HTTP/9.9\r\n\r\n"));
        let data = "";
        s.on("data", (d) => (data += d.toString()));
        s.on("end", () => resolve(data));
        s.on("error", reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
    assert.match(answer, /content-type: application\/json/);
    assert.match(answer, /"errors":\["malformed HTTP request/);
    assert.equal((await call(rc.url, "GET", "/overview")).status, 200);
});
//# sourceMappingURL=validation.test.js.map