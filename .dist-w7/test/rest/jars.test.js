/**
 * Jars: a prebuilt bundle uploaded (multipart, stored by content hash) and run, with its definition
 * evaluated by the Dispatcher in a limited worker; hostile bundles (looping, throwing, allocating)
 * fail only their own request; upload size limit; jar ids and file names never reach the file system.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleJob } from "../../src/client/bundler.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { expectedSums } from "../jobs/rest/keyed-sums.js";
import { call, errorsOf, getJson, multipart, startRestCluster } from "./support.js";
const UPLOAD_LIMIT = 512 * 1024;
const jarDir = mkdtempSync(join(tmpdir(), "sluice-test-jars-"));
let rc;
let client;
before(async () => {
    rc = await startRestCluster({
        config: {
            "web.upload.dir": jarDir,
            "rest.upload.max-bytes": String(UPLOAD_LIMIT),
            "rest.jar.evaluation.timeout": "3000 ms",
            "rest.jar.evaluation.heap-mb": "64",
        },
    });
    client = new RestClusterClient({ baseUrl: rc.url });
});
after(() => rc.close());
async function upload(file) {
    const bundle = await bundleJob(testJob(file));
    return client.uploadJar(bundle.code, file.split("/").pop().replace(/\.ts$/, ".mjs"));
}
test("a prebuilt bundle uploaded and run gives the reference result", async () => {
    const bundle = await bundleJob(testJob("rest/keyed-sums.ts"));
    const { body, contentType } = multipart("jarfile", "keyed-sums.mjs", bundle.code);
    const up = await call(rc.url, "POST", "/jars/upload", { body, headers: { "content-type": contentType } });
    assert.equal(up.status, 200, up.text);
    assert.deepEqual(up.json, { filename: bundle.hash, status: "success" });
    // Content-addressed: the same bundle uploaded again is the same jar.
    assert.equal(await client.uploadJar(bundle.code, "again.mjs"), bundle.hash);
    const list = await getJson(rc.url, "/jars");
    assert.equal(list.address, rc.url);
    assert.deepEqual(list.files.map((f) => [f.id, f.name, f.size]), [[bundle.hash, "keyed-sums.mjs", Buffer.byteLength(bundle.code)]]);
    const count = 2000;
    const jobId = await client.runJar(bundle.hash, { programArgsList: [String(count)], parallelism: 2 });
    const result = await client.result(jobId);
    assert.equal(result.state, "FINISHED");
    const records = Object.values(result.collected)[0];
    assert.equal(records.length, count);
    const last = new Map();
    for (const r of records)
        last.set(r.key, Math.max(last.get(r.key) ?? 0, r.value));
    assert.deepEqual(last, expectedSums(count));
    const job = await getJson(rc.url, `/jobs/${jobId}`);
    // Source and keyed sum at the requested parallelism; the collect sink is one subtask.
    assert.deepEqual(job.vertices.map((v) => v.parallelism), [2, 2, 1]);
    // Flink's programArgs string works too.
    const second = await call(rc.url, "POST", `/jars/${bundle.hash}/run`, { json: { programArgs: "100", parallelism: 1 } });
    assert.equal(second.status, 200, second.text);
    assert.equal((await client.result(second.json.jobid)).state, "FINISHED");
});
test("bundles that loop, throw or allocate during evaluation fail their request; the server keeps answering", async () => {
    const looping = await upload("rest/loops-forever.ts");
    const throwing = await upload("rest/throws-in-definition.ts");
    const hoarding = await upload("rest/allocates-forever.ts");
    const loopRun = call(rc.url, "POST", `/jars/${looping}/run`, { json: {} });
    // While the definition spins in its worker, the server answers other requests.
    const overview = await call(rc.url, "GET", "/overview");
    assert.equal(overview.status, 200);
    const loop = await loopRun;
    assert.equal(loop.status, 400);
    assert.match(errorsOf(loop)[0], /did not finish within 3000 ms/);
    const thrown = await call(rc.url, "POST", `/jars/${throwing}/run`, { json: { programArgsList: [] } });
    assert.equal(thrown.status, 400);
    assert.match(errorsOf(thrown)[0], /the definition refuses to build a pipeline/);
    const oom = await call(rc.url, "POST", `/jars/${hoarding}/run`, { json: {} });
    assert.equal(oom.status, 400);
    assert.match(errorsOf(oom)[0], /ran out of memory.*64 MB heap limit/);
    // Nothing was submitted, and a good bundle still runs.
    const jobsBefore = (await getJson(rc.url, "/jobs")).jobs.length;
    const good = await upload("rest/keyed-sums.ts");
    const jobId = await client.runJar(good, { programArgsList: ["50"] });
    assert.equal((await client.result(jobId)).state, "FINISHED");
    assert.equal((await getJson(rc.url, "/jobs")).jobs.length, jobsBefore + 1);
});
test("uploads above rest.upload.max-bytes are refused with 413; bad uploads with 400", async () => {
    const big = multipart("jarfile", "big.mjs", Buffer.alloc(UPLOAD_LIMIT + 1024, "a"));
    const tooBig = await call(rc.url, "POST", "/jars/upload", { body: big.body, headers: { "content-type": big.contentType } });
    assert.equal(tooBig.status, 413);
    assert.match(errorsOf(tooBig)[0], new RegExp(`limit of ${UPLOAD_LIMIT} bytes`));
    const binary = multipart("jarfile", "job.jar", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80]));
    const notText = await call(rc.url, "POST", "/jars/upload", { body: binary.body, headers: { "content-type": binary.contentType } });
    assert.equal(notText.status, 400);
    assert.match(errorsOf(notText)[0], /not UTF-8 text/);
    const noFile = await call(rc.url, "POST", "/jars/upload", { body: "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--x--\r\n", headers: { "content-type": "multipart/form-data; boundary=x" } });
    assert.equal(noFile.status, 400);
    assert.match(errorsOf(noFile)[0], /no file part/);
    const notMultipart = await call(rc.url, "POST", "/jars/upload", { json: { jarfile: "x" } });
    assert.equal(notMultipart.status, 415);
    const broken = await call(rc.url, "POST", "/jars/upload", { body: "--x\r\nno headers end", headers: { "content-type": "multipart/form-data; boundary=x" } });
    assert.equal(broken.status, 400);
    assert.equal((await call(rc.url, "GET", "/overview")).status, 200);
});
test("jar ids and uploaded file names never become paths", async () => {
    const escapes = ["..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "abc", `${"a".repeat(64)}%2F..`, "%00"];
    for (const id of escapes) {
        const run = await call(rc.url, "POST", `/jars/${id}/run`, { json: {} });
        assert.ok(run.status === 400 || run.status === 404, `${id}: ${run.status}`);
        errorsOf(run);
        const del = await call(rc.url, "DELETE", `/jars/${id}`);
        assert.ok(del.status === 400 || del.status === 404 || del.status === 405, `${id}: ${del.status}`);
        errorsOf(del);
    }
    const valid = `${"0".repeat(64)}`;
    assert.equal((await call(rc.url, "POST", `/jars/${valid}/run`, { json: {} })).status, 404);
    // A hostile file name is only metadata: the bundle lands in the jar directory under its hash.
    const outside = mkdtempSync(join(tmpdir(), "sluice-test-outside-"));
    const evil = `../../../../${outside.slice(1)}/evil.mjs`;
    const { body, contentType } = multipart("jarfile", evil, "export default 1;\n");
    const up = await call(rc.url, "POST", "/jars/upload", { body, headers: { "content-type": contentType } });
    assert.equal(up.status, 200);
    assert.deepEqual(readdirSync(outside), []);
    assert.ok(!existsSync(join(outside, "evil.mjs")));
    const id = up.json.filename;
    assert.ok(readdirSync(jarDir).includes(`${id}.mjs`));
    const listed = (await getJson(rc.url, "/jars")).files.find((f) => f.id === id);
    assert.equal(listed?.name, "evil.mjs");
    // Running it fails cleanly: it is not a job definition.
    const run = await call(rc.url, "POST", `/jars/${id}/run`, { json: {} });
    assert.equal(run.status, 400);
    assert.match(errorsOf(run)[0], /export default defineJob/);
    assert.equal((await call(rc.url, "DELETE", `/jars/${id}`)).status, 200);
    assert.equal((await call(rc.url, "DELETE", `/jars/${id}`)).status, 404);
});
test("jar run requests are validated: types, unknown fields, entry class, savepoint paths", async () => {
    const id = await upload("rest/keyed-sums.ts");
    const cases = [
        [{ parallelism: "four" }, /body\.parallelism: expected integer, got "four"/],
        [{ parallelism: 0 }, /body\.parallelism: must be >= 1/],
        [{ programArgsList: "1 2" }, /body\.programArgsList: expected array/],
        [{ programArgsList: [1] }, /body\.programArgsList\[0\]: expected string/],
        [{ paralelism: 2 }, /body\.paralelism: unknown field/],
        [{ entryClass: "org.example.Main" }, /entryClass: a Sluice bundle has one entry/],
        [{ savepointPath: "/etc" }, /savepointPath: \/etc is outside the allowed directories/],
        [{ savepointPath: "relative/dir" }, /savepointPath: must be an absolute path/],
        [[1, 2], /body: expected object/],
    ];
    for (const [body, message] of cases) {
        const a = await call(rc.url, "POST", `/jars/${id}/run`, { json: body });
        assert.equal(a.status, 400, JSON.stringify(body));
        assert.match(errorsOf(a).join("\n"), message);
    }
    // Flink clients send entryClass: null.
    const ok = await call(rc.url, "POST", `/jars/${id}/run`, { json: { entryClass: null, programArgsList: ["10"] } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await client.result(ok.json.jobid)).state, "FINISHED");
});
//# sourceMappingURL=jars.test.js.map