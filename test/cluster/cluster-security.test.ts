/**
 * Security of the cluster's own connections on real processes: with a cluster
 * secret a TaskManager with the wrong or no secret is refused and the cluster keeps working; a
 * process refuses to listen on a non-loopback address without a secret; with internal TLS a job runs
 * across TaskManagers and plaintext peers (RPC client, TaskManager, data-plane client) are refused.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { parseTcpAddress } from "../../src/cluster/rpc/index.js";
import { testJob } from "../support/paths.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { makePki, type TestPki } from "./support/pki.js";
import { getJson, killAll, sluice, startJobManager, startTaskManager, type Overview } from "./support/processes.js";

let dir: string;
let pki: TestPki;
const secretFile = (name: string, secret: string): string => {
  const file = join(dir, name);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return file;
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), "sluice-cluster-security-"));
  pki = makePki(dir);
});
after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the sequence check at parallelism 4 (its keyed checker reads from both TaskManagers). */
async function runSequenceCheck(restUrl: string): Promise<void> {
  const count = 4000;
  const result = await runJob(testJob("sequence-check.ts"), { client: new RestClusterClient({ baseUrl: restUrl, maxPollIntervalMs: 100 }), args: [String(count), "0", "4", "1000000", "2", "0"] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
}

/** Opens a plain TCP connection, sends `bytes`, resolves once the server has closed it. */
function plaintextProbe(address: string, bytes: Buffer): Promise<void> {
  const { host, port } = parseTcpAddress(address);
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => socket.write(bytes));
    socket.on("error", () => {});
    socket.on("close", () => resolve());
  });
}

test("with a cluster secret, TaskManagers with the wrong or no secret are refused and the cluster keeps working", { timeout: 150_000 }, async () => {
  const secret = "correct-horse-battery-staple-42";
  const right = { "security.cluster.secret-file": secretFile("secret", secret) };
  const jm = await startJobManager(right);
  const [wrong, none] = await Promise.all([
    startTaskManager(jm.rpcHostPort, { config: { "security.cluster.secret-file": secretFile("wrong", "a-different-secret-altogether") }, waitForRegistration: false }),
    startTaskManager(jm.rpcHostPort, { waitForRegistration: false }),
  ]);
  // A refused secret is fatal: the TaskManager says why and exits non-zero.
  assert.notEqual(await wrong.exited, 0);
  assert.match(wrong.stderr(), /refused this TaskManager: authentication failed: .* does not know this service's secret/);
  assert.notEqual(await none.exited, 0);
  assert.match(none.stderr(), /refused this TaskManager: authentication failed: .*requires a shared secret and the client has none/);
  await jm.waitForOutput(/refused connection from 127\.0\.0\.1:\d+: authentication failed/, "the JobManager to log the refusal");
  assert.equal((await getJson<Overview>(jm.restUrl, "/overview")).taskmanagers, 0);

  // The right secret, from the file or from the environment, works; data flows between them.
  await Promise.all([startTaskManager(jm.rpcHostPort, { config: right }), startTaskManager(jm.rpcHostPort, { env: { SLUICE_CLUSTER_SECRET: secret } })]);
  assert.equal((await getJson<Overview>(jm.restUrl, "/overview")).taskmanagers, 2);
  await runSequenceCheck(jm.restUrl);
});

test("a process refuses a non-loopback address without a secret unless the network is declared trusted", { timeout: 30_000 }, async () => {
  const jm = sluice(["jobmanager", "-D", "jobmanager.rpc.address=10.255.1.2", "-D", "rest.port=0"]);
  const tm = sluice(["taskmanager", "--jobmanager", "127.0.0.1:1", "-D", "taskmanager.host=192.0.2.7"]);
  assert.equal(await jm.exited, 1);
  assert.match(jm.stderr(), /refusing to listen on 10\.255\.1\.2 \(jobmanager\.rpc\.address\) without a cluster secret/);
  assert.equal(await tm.exited, 1);
  assert.match(tm.stderr(), /refusing to listen on 192\.0\.2\.7 \(taskmanager\.host\)/);
  // Declared trusted, the check passes and the process goes on to bind (which fails here: the
  // address is not this machine's), with a different error.
  const trusted = sluice(["jobmanager", "-D", "jobmanager.rpc.address=192.0.2.7", "-D", "security.network.trusted=true", "-D", "rest.port=0"]);
  assert.equal(await trusted.exited, 1);
  assert.doesNotMatch(trusted.stderr(), /refusing/);
  assert.match(trusted.stderr(), /cannot listen on 192\.0\.2\.7/);
});

test("with internal TLS a job runs across TaskManagers; plaintext RPC clients, TaskManagers and data clients are refused", { timeout: 150_000 }, async () => {
  const tls = {
    "security.ssl.internal.enabled": "true",
    "security.ssl.internal.cert": pki.files.cert,
    "security.ssl.internal.key": pki.files.key,
    "security.ssl.internal.ca": pki.files.ca,
  };
  const jm = await startJobManager(tls);
  const tms = await Promise.all([startTaskManager(jm.rpcHostPort, { config: tls }), startTaskManager(jm.rpcHostPort, { config: tls })]);
  await runSequenceCheck(jm.restUrl);

  await plaintextProbe(jm.rpcAddress, Buffer.from([0, 0, 0, 5, 1, 0x81, 0xa1, 0x74, 0xa5]));
  await jm.waitForOutput(/refused TLS connection from 127\.0\.0\.1:\d+: not TLS/, "the JobManager to refuse a plaintext RPC client");
  await plaintextProbe(tms[0]!.dataAddress, Buffer.from([0, 0, 0, 2, 1, 0]));
  await tms[0]!.waitForOutput(/refused data connection from 127\.0\.0\.1:\d+: not TLS/, "the TaskManager to refuse a plaintext data client");

  const before = (jm.stderr().match(/refused TLS connection/g) ?? []).length;
  const plain = await startTaskManager(jm.rpcHostPort, { waitForRegistration: false });
  await jm.waitForOutput(new RegExp(`(refused TLS connection[\\s\\S]*){${before + 1}}`), "the JobManager to refuse the plaintext TaskManager");
  plain.signal("SIGKILL");
  assert.doesNotMatch(plain.stdout(), /registered/);
  assert.equal((await getJson<Overview>(jm.restUrl, "/overview")).taskmanagers, 2);
});
