/**
 * The REST endpoint's protections: bearer token on mutating endpoints and optionally on
 * reads, DNS-rebinding and cross-origin refusals, TLS, secrets redacted from /jobmanager/config,
 * and request-supplied names (log files, static files, savepoint directories) kept inside their
 * directories.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareJob, type PreparedJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { call, errorsOf, getJson, multipart, startRestCluster, type RestCluster } from "./support.js";

const TOKEN = "s3cret-token-for-tests";
const root = mkdtempSync(join(tmpdir(), "sluice-rest-security-"));
const logDir = join(root, "log");
const webDir = join(root, "web");
const savepoints = join(root, "savepoints");
const outside = join(root, "outside");
for (const d of [logDir, join(webDir, "assets"), savepoints, outside]) mkdirSync(d, { recursive: true });
writeFileSync(join(outside, "secret.txt"), "top secret\n");
writeFileSync(join(logDir, "jobmanager.log"), "line one\nline two\n");
writeFileSync(join(logDir, ".hidden"), "hidden\n");
symlinkSync(join(outside, "secret.txt"), join(logDir, "link.log"));
symlinkSync(outside, join(savepoints, "escape"));
writeFileSync(join(webDir, "index.html"), "<!doctype html><title>Sluice</title>");
writeFileSync(join(webDir, "assets", "app.js"), "console.log('dashboard');");

let rc: RestCluster;
let prepared: PreparedJob;
before(async () => {
  rc = await startRestCluster({
    webDir,
    config: { "rest.auth.token": TOKEN, "env.log.dir": logDir, "state.savepoints.dir": savepoints, "security.cluster.secret": "cluster-secret" },
  });
  prepared = await prepareJob(testJob("rest/keyed-sums.ts"), { args: ["100"] });
});
after(() => rc.close());

function submitBody(): unknown {
  const { bundle, evaluated, inputs } = prepared;
  return { jobGraph: evaluated.jobGraph, bundle: { hash: bundle.hash, code: bundle.code }, definition: inputs };
}

test("mutating endpoints need the bearer token; reads do not (rest.auth.read is off)", async () => {
  const upload = multipart("jarfile", "job.mjs", prepared.bundle.code);
  const attempts: [string, string, Parameters<typeof call>[3]][] = [
    ["POST", "/jobs", { json: submitBody() }],
    ["POST", "/jars/upload", { body: upload.body, headers: { "content-type": upload.contentType } }],
    ["POST", `/jars/${"0".repeat(64)}/run`, { json: {} }],
    ["DELETE", `/jars/${"0".repeat(64)}`, {}],
    ["PATCH", `/jobs/${"0".repeat(32)}?mode=cancel`, {}],
    ["POST", `/jobs/${"0".repeat(32)}/savepoints`, { json: {} }],
    ["POST", `/jobs/${"0".repeat(32)}/stop`, { json: {} }],
  ];
  for (const [method, path, init] of attempts) {
    const none = await call(rc.url, method, path, init);
    assert.equal(none.status, 401, `${method} ${path}`);
    assert.equal(none.headers["www-authenticate"], 'Bearer realm="sluice"');
    assert.match(errorsOf(none)[0]!, /needs a bearer token/);
    const wrong = await call(rc.url, method, path, { ...init, token: `${TOKEN}x` });
    assert.equal(wrong.status, 401, `${method} ${path}`);
    assert.match(errorsOf(wrong)[0]!, /not valid/);
  }
  const accepted = await call(rc.url, "POST", "/jobs", { json: submitBody(), token: TOKEN });
  assert.equal(accepted.status, 202, accepted.text);
  const client = new RestClusterClient({ baseUrl: rc.url, token: TOKEN });
  assert.equal((await client.result((accepted.json as { jobid: string }).jobid)).state, "FINISHED");
  assert.equal((await call(rc.url, "POST", "/jars/upload", { body: upload.body, headers: { "content-type": upload.contentType }, token: TOKEN })).status, 200);
  // Reads stay open; the dashboard learns that writes need the token.
  assert.equal((await call(rc.url, "GET", "/jobs/overview")).status, 200);
  const config = await getJson<{ auth: Record<string, boolean> }>(rc.url, "/config");
  assert.deepEqual(config.auth, { "token-required-for-writes": true, "token-required-for-reads": false });
});

test("with rest.auth.read, reads need the token too, except the dashboard config and the OpenAPI document", async () => {
  const strict = await startRestCluster({ taskManagers: 1, slots: 1, config: { "rest.auth.token": TOKEN, "rest.auth.read": "true" } });
  try {
    assert.equal((await call(strict.url, "GET", "/overview")).status, 401);
    assert.equal((await call(strict.url, "GET", "/jobs", { token: TOKEN })).status, 200);
    assert.equal((await call(strict.url, "GET", "/jobmanager/logs")).status, 401);
    assert.equal((await call(strict.url, "GET", "/config")).status, 200);
    assert.equal((await call(strict.url, "GET", "/v1/openapi.json")).status, 200);
  } finally {
    await strict.close();
  }
});

test("requests for a foreign host name (DNS rebinding) and cross-origin writes are refused", async () => {
  const port = new URL(rc.url).port;
  const rebound = await call(rc.url, "GET", "/overview", { headers: { host: `attacker.example:${port}` } });
  assert.equal(rebound.status, 403);
  assert.match(errorsOf(rebound)[0]!, /loopback host name/);
  assert.equal((await call(rc.url, "GET", "/overview", { headers: { host: `localhost:${port}` } })).status, 200);
  const upload = multipart("jarfile", "job.mjs", prepared.bundle.code);
  const crossSite = await call(rc.url, "POST", "/jars/upload", { body: upload.body, headers: { "content-type": upload.contentType, origin: "http://attacker.example" }, token: TOKEN });
  assert.equal(crossSite.status, 403);
  assert.match(errorsOf(crossSite)[0]!, /cross-origin/);
  const sameSite = await call(rc.url, "POST", "/jars/upload", { body: upload.body, headers: { "content-type": upload.contentType, origin: `http://127.0.0.1:${port}` }, token: TOKEN });
  assert.equal(sameSite.status, 200);
});

test("secrets are redacted from /jobmanager/config", async () => {
  const entries = await getJson<{ key: string; value: string }[]>(rc.url, "/jobmanager/config");
  const byKey = new Map(entries.map((e) => [e.key, e.value]));
  assert.equal(byKey.get("rest.auth.token"), "******");
  assert.equal(byKey.get("security.cluster.secret"), "******");
  assert.equal(byKey.get("env.log.dir"), logDir);
  assert.ok(!JSON.stringify(entries).includes(TOKEN));
});

test("log names resolve only inside the log directory", async () => {
  const list = await getJson<{ logs: { name: string }[] }>(rc.url, "/jobmanager/logs");
  assert.deepEqual(list.logs.map((l) => l.name), ["jobmanager.log"]);
  const log = await call(rc.url, "GET", "/jobmanager/logs/jobmanager.log");
  assert.equal(log.status, 200);
  assert.equal(log.text, "line one\nline two\n");
  assert.match(String(log.headers["content-type"]), /^text\/plain/);
  for (const name of ["..%2Foutside%2Fsecret.txt", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", ".hidden", "link.log", "missing.log", "..%5Csecret.txt", "a%00b"]) {
    const a = await call(rc.url, "GET", `/jobmanager/logs/${name}`);
    assert.ok(a.status === 400 || a.status === 404, `${name}: ${a.status}`);
    assert.ok(!a.text.includes("top secret"), name);
    errorsOf(a);
  }
  // Dot segments are resolved by URL rules before routing: this is /etc/passwd, which is no route.
  const dots = await call(rc.url, "GET", "/jobmanager/logs/../../../etc/passwd");
  assert.equal(dots.status, 404);
});

test("savepoint directories from requests must lie inside the allowed roots", async () => {
  const job = "0123456789abcdef0123456789abcdef";
  for (const target of ["/etc", `${savepoints}/../outside`, join(savepoints, "escape", "x"), "relative/path", "file:///tmp"]) {
    const a = await call(rc.url, "POST", `/jobs/${job}/savepoints`, { json: { "target-directory": target }, token: TOKEN });
    assert.equal(a.status, 400, target);
    assert.match(errorsOf(a)[0]!, /target-directory: /);
    const s = await call(rc.url, "POST", `/jobs/${job}/stop`, { json: { targetDirectory: target }, token: TOKEN });
    assert.equal(s.status, 400, target);
  }
  // Inside the root the path is fine; the job then decides (here: it does not exist).
  const inside = await call(rc.url, "POST", `/jobs/${job}/savepoints`, { json: { "target-directory": join(savepoints, "mine") }, token: TOKEN });
  assert.equal(inside.status, 404);
});

test("the dashboard's files are served from its directory and nothing outside it", async () => {
  const index = await call(rc.url, "GET", "/");
  assert.equal(index.status, 200);
  assert.match(String(index.headers["content-type"]), /^text\/html/);
  assert.match(index.text, /<title>Sluice<\/title>/);
  const js = await call(rc.url, "GET", "/assets/app.js");
  assert.match(String(js.headers["content-type"]), /^text\/javascript/);
  for (const path of ["/assets/..%2F..%2Foutside%2Fsecret.txt", "/../outside/secret.txt", "/%2e%2e/outside/secret.txt", "/assets/../../outside/secret.txt"]) {
    const a = await call(rc.url, "GET", path);
    assert.equal(a.status, 404, path);
    assert.ok(!a.text.includes("top secret"));
  }
});

test("TLS: the endpoint serves HTTPS with the configured certificate; plaintext clients get nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-rest-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], { cwd: dir, stdio: "pipe" });
  const tls = await startRestCluster({
    taskManagers: 1,
    slots: 1,
    config: { "security.ssl.rest.enabled": "true", "security.ssl.rest.cert": join(dir, "cert.pem"), "security.ssl.rest.key": join(dir, "key.pem") },
  });
  try {
    assert.match(tls.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(join(dir, "cert.pem"), "utf8");
    const client = new RestClusterClient({ baseUrl: tls.url, ca });
    assert.deepEqual(await client.listJobs(), []);
    const jobId = await client.submit(
      { jobGraph: prepared.evaluated.jobGraph, bundleHash: prepared.bundle.hash, definition: prepared.inputs },
      { hash: prepared.bundle.hash, code: prepared.bundle.code },
    );
    assert.equal((await client.result(jobId)).state, "FINISHED");
    // Without the CA the certificate is not trusted.
    await assert.rejects(new RestClusterClient({ baseUrl: tls.url }).listJobs(), /self[- ]signed|certificate/i);
    // Plain HTTP to the TLS port gets no HTTP answer.
    await assert.rejects(call(tls.url.replace("https", "http"), "GET", "/overview"));
    // And the HTTPS answer is JSON as usual.
    const body = await new Promise<string>((resolve, reject) => {
      httpsRequest(`${tls.url}/overview`, { ca }, (res) => {
        let t = "";
        res.on("data", (d) => (t += d));
        res.on("end", () => resolve(t));
      })
        .on("error", reject)
        .end();
    });
    assert.equal((JSON.parse(body) as { taskmanagers: number }).taskmanagers, 1);
  } finally {
    await tls.close();
  }
});
