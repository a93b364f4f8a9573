/**
 * A few thousand random and mutated requests against the REST endpoint while a job runs:
 * every answer is 2xx or 4xx, every error (and every JSON answer) is valid JSON, the server stays
 * up, and the job finishes with the reference result. Bounded in count and in time; seeded, so a
 * failure can be replayed with SLUICE_FUZZ_SEED.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { bundleJob } from "../../src/client/bundler.js";
import { prepareJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { REST_ROUTES } from "../../src/rest/routes/index.js";
import { testJob } from "../support/paths.js";
import { expectedSums } from "../jobs/rest/keyed-sums.js";
import { call, getJson, multipart, startRestCluster, type Answer, type RestCluster } from "./support.js";

const TOKEN = "fuzz-token";
const REQUESTS = 3000;
const TIME_BUDGET_MS = 20_000;
const PARALLEL = 8;
const SEED = Number(process.env.SLUICE_FUZZ_SEED ?? Date.now() % 1_000_000);

let rc: RestCluster;
before(async () => (rc = await startRestCluster({ slots: 4, config: { "rest.auth.token": TOKEN, "rest.upload.max-bytes": "262144", "rest.request.max-bytes": "65536" } })));
after(() => rc.close());

/** xorshift32: deterministic for a seed. */
function rng(seed: number): () => number {
  let s = seed || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

test(`${REQUESTS} random and mutated requests: only 2xx/4xx with JSON errors, and a job finishes meanwhile (seed ${SEED})`, async () => {
  const random = rng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number): boolean => random() < p;
  const client = new RestClusterClient({ baseUrl: rc.url, token: TOKEN });

  // The reference job: rate-limited so that it runs through much of the fuzzing.
  const count = 3000;
  const reference = await prepareJob(testJob("rest/keyed-sums.ts"), { args: [String(count), "1000"], parallelism: 2 });
  const referenceId = await client.submit(
    { jobGraph: reference.evaluated.jobGraph, bundleHash: reference.bundle.hash, definition: reference.inputs },
    { hash: reference.bundle.hash, code: reference.bundle.code },
  );
  const referenceResult = client.result(referenceId);
  // A decoy the fuzzer may cancel, stop, savepoint as it likes.
  const decoy = await prepareJob(testJob("unbounded.ts"));
  const decoyId = await client.submit(
    { jobGraph: decoy.evaluated.jobGraph, bundleHash: decoy.bundle.hash, definition: decoy.inputs },
    { hash: decoy.bundle.hash, code: decoy.bundle.code },
  );
  const jarId = await client.uploadJar((await bundleJob(testJob("rest/keyed-sums.ts"))).code, "keyed-sums.mjs");
  const vertexIds = [...reference.evaluated.jobGraph.vertices, ...decoy.evaluated.jobGraph.vertices].map((v) => v.id);

  const hex = (n: number): string => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join("");
  const nasty = ["..", "../../etc/passwd", "%2e%2e%2f", "..%2F..%2Fetc%2Fpasswd", "%00", "%", "%zz", "", "ü", "\u202e", "a".repeat(3000), "-1", "0", "null", "{}", "<script>", "' OR 1=1 --", "%2F"];
  const idFor = (param: string): string => {
    if (chance(0.25)) return pick(nasty);
    if (chance(0.1)) return hex(Math.floor(random() * 70));
    switch (param) {
      case "jobid":
        return chance(0.6) ? decoyId : chance(0.5) ? referenceId : hex(32);
      case "vertexid":
        return chance(0.7) ? pick(vertexIds) : hex(32);
      case "jarid":
        return chance(0.5) ? jarId : hex(64);
      case "triggerid":
        return hex(32);
      case "taskmanagerid":
        return chance(0.5) ? (rc.cluster.taskExecutors[0]?.id ?? "tm-x") : `tm-${hex(8)}`;
      default:
        return hex(8);
    }
  };

  const examples: Record<string, unknown> = {
    "POST /jobs": { jobGraph: decoy.evaluated.jobGraph, bundle: { hash: decoy.bundle.hash, code: decoy.bundle.code }, definition: decoy.inputs },
    "POST /jars/:jarid/run": { programArgsList: ["10"], parallelism: 1, flinkConfiguration: {}, entryClass: null },
    "POST /jobs/:jobid/savepoints": { "target-directory": null, "cancel-job": false, formatType: "CANONICAL" },
    "POST /jobs/:jobid/stop": { targetDirectory: null, drain: false },
  };
  const randomJson = (depth = 0): unknown => {
    const r = random();
    if (depth > 3 || r < 0.2) return pick([0, -1, 1.5, 1e308, "", "x", "💥", true, false, null, "a".repeat(200)]);
    if (r < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(["jobGraph", "bundle", "parallelism", "x", "__proto__", "constructor", "drain", "programArgsList"]), randomJson(depth + 1)]));
  };
  const mutate = (value: unknown, depth = 0): unknown => {
    if (value === null || typeof value !== "object" || depth > 6) return chance(0.5) ? randomJson() : value;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const op = random();
    if (op < 0.2 && keys.length) delete (copy as Record<string, unknown>)[pick(keys)];
    else if (op < 0.35) (copy as Record<string, unknown>)[pick(["unknownField", "0", "__proto__", "jobGraph"])] = randomJson();
    else if (keys.length) {
      const k = pick(keys);
      (copy as Record<string, unknown>)[k] = mutate((copy as Record<string, unknown>)[k], depth + 1);
    }
    return copy;
  };

  const requestFor = (): { method: string; path: string; body?: Buffer | string; headers: Record<string, string> } => {
    const route = pick(REST_ROUTES);
    const key = `${route.method} ${route.path}`;
    let path = route.path.replace(/:([a-z]+)/g, (_, p: string) => idFor(p));
    if (chance(0.1)) path = `/v1${path}`;
    if (chance(0.05)) path += `/${pick(nasty)}`;
    // Characters Node's client refuses (or sends raw) are percent-encoded; raw bytes are what rawGarbage is for.
    path = path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
    if (chance(0.3)) path += `?${pick(["mode", "maxExceptions", "_", "x"])}=${encodeURIComponent(String(pick([...nasty, "cancel", "5", "-3", "1e9", "true"])))}`;
    let method = chance(0.85) ? route.method : pick(["GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"]);
    // The reference job must survive: never cancel, stop or savepoint it.
    if (path.includes(referenceId) && method !== "GET" && method !== "HEAD") method = "GET";
    const headers: Record<string, string> = {};
    const auth = random();
    if (auth < 0.8) headers.authorization = `Bearer ${TOKEN}`;
    else if (auth < 0.9) headers.authorization = pick(["Bearer wrong", "Basic Zm9vOmJhcg==", "Bearer", "", `Bearer ${TOKEN} extra`]);
    if (chance(0.03)) headers.origin = pick(["http://evil.example", "null", "::"]);
    if (chance(0.02)) headers.host = "evil.example";
    let body: Buffer | string | undefined;
    if (route.body?.kind === "json" || chance(0.1)) {
      const example = examples[key] ?? randomJson();
      const b = random();
      if (b < 0.5) body = JSON.stringify(mutate(example));
      else if (b < 0.6) body = JSON.stringify(example).slice(0, Math.floor(random() * 200));
      else if (b < 0.7) body = Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
      else if (b < 0.8) body = JSON.stringify(randomJson());
      else if (b < 0.9) body = JSON.stringify(example);
      headers["content-type"] = chance(0.85) ? "application/json" : pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=utf-16"]);
    } else if (route.body?.kind === "multipart") {
      const m = multipart(pick(["jarfile", "file", ""]), pick(["job.mjs", "../../x.mjs", "a\"b", ""]), chance(0.5) ? Buffer.from(JSON.stringify(randomJson())) : Buffer.alloc(Math.floor(random() * 2000), Math.floor(random() * 256)));
      body = chance(0.8) ? m.body : m.body.subarray(0, Math.floor(random() * m.body.length));
      headers["content-type"] = chance(0.9) ? m.contentType : pick(["multipart/form-data", "multipart/form-data; boundary=", "text/plain"]);
    }
    return { method, path, body, headers };
  };

  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const submitted: string[] = [];
  const check = (what: string, a: Answer, method: string): void => {
    statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    if (a.status < 200 || a.status >= 500) problems.push(`${what}: status ${a.status} ${a.text.slice(0, 300)}`);
    const type = String(a.headers["content-type"] ?? "");
    if (method === "HEAD") return;
    if (a.status >= 400) {
      const errors = (a.json as { errors?: unknown } | undefined)?.errors;
      if (!type.startsWith("application/json") || !Array.isArray(errors) || !errors.every((e) => typeof e === "string")) {
        problems.push(`${what}: error without a JSON errors body: ${a.status} ${type} ${a.text.slice(0, 200)}`);
      }
    }
    // 2xx answers are JSON (parsed by call(), which fails on invalid JSON), log text or dashboard files.
  };

  const rawGarbage = (): Promise<void> =>
    new Promise((resolve) => {
      const s = connect(Number(new URL(rc.url).port), "127.0.0.1", () => {
        s.write(pick(["GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + "y".repeat(20_000) + "\r\n\r\n", "\x16\x03\x01\x00\x05hello", "POST /jobs HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "GET /jobs HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "\r\n\r\n\r\n"]));
      });
      let data = "";
      s.setTimeout(2000, () => s.destroy());
      s.on("data", (d) => (data += d.toString()));
      s.on("close", () => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1];
        if (status && (Number(status) >= 500 || !/content-type: application\/json/i.test(data))) problems.push(`raw: ${data.slice(0, 200)}`);
        resolve();
      });
      s.on("error", () => resolve());
    });

  const deadline = Date.now() + TIME_BUDGET_MS;
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < REQUESTS && Date.now() < deadline) {
      sent++;
      if (chance(0.01)) {
        await rawGarbage();
        continue;
      }
      const r = requestFor();
      const what = `${r.method} ${r.path.slice(0, 120)}`;
      let a: Answer;
      try {
        a = await call(rc.url, r.method, r.path, { body: r.body, headers: r.headers });
      } catch (e) {
        // A refused body may cut the connection (413 before the whole body is read); the server must live on.
        if (!/ECONNRESET|EPIPE|socket hang up/.test((e as Error).message)) problems.push(`${what}: ${(e as Error).message}`);
        continue;
      }
      check(what, a, r.method);
      // Jobs the fuzzer managed to start are cancelled at once, so they do not pile up.
      const jobid = (a.json as { jobid?: string } | undefined)?.jobid;
      if (a.status < 300 && jobid) {
        submitted.push(jobid);
        await client.cancel(jobid).catch((e: Error) => problems.push(`cancelling ${jobid}: ${e.message}`));
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  assert.deepEqual(problems.slice(0, 20), [], `seed ${SEED}`);
  // On a loaded machine the time bound ends the run early; it must still have been a real run.
  assert.ok(sent >= 500, `only ${sent} requests within the time budget`);
  // The reference job finishes with the right result.
  const result = await referenceResult;
  assert.equal(result.state, "FINISHED", `seed ${SEED}`);
  const records = Object.values(result.collected)[0] as { key: number; value: number }[];
  const last = new Map<number, number>();
  for (const r of records) last.set(r.key, Math.max(last.get(r.key) ?? 0, r.value));
  assert.equal(records.length, count);
  assert.deepEqual(last, expectedSums(count));
  // Still answering, with the usual shapes.
  const overview = await getJson(rc.url, "/overview");
  assert.equal(overview.taskmanagers, 2);
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(" ");
  process.stderr.write(`fuzz seed ${SEED}: ${sent} requests, statuses ${summary}\n`);
  assert.ok((statuses.get(200) ?? 0) > 100 && (statuses.get(400) ?? 0) > 100, summary);
});
