/**
 * A few thousand random, mutated and hostile frames against the binary protocols of a running
 * cluster of real processes: the JobManager's and TaskManagers' RPC ports and the
 * TaskManagers' data ports, while a job runs across both TaskManagers. No process dies, every bad
 * frame closes its own connection (and nothing else), calls for things that do not exist are
 * answered with errors, no fuzz connection is left open on a server, idle unauthenticated
 * connections are cut at the handshake timeout, and the job finishes with the reference result
 * without a single restart. Loopback only; bounded in count and time; seeded (SLUICE_FUZZ_SEED
 * replays a run).
 */
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, test } from "node:test";
import { prepareJob, runPrepared } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { parseTcpAddress } from "../../src/cluster/rpc/tcp-rpc-service.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { getJson, killAll, startJobManager, startTaskManager, type Overview, type SluiceProcess } from "../cluster/support/processes.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { seededRandom } from "./support/wire-bytes.js";
import { dataCase, rpcCase, type ClusterFacts, type WireCase } from "./support/wire-cases.js";
import { leftoverServerConnections, playCase, type Bounds } from "./support/wire-runner.js";

const SEED = Number(process.env.SLUICE_FUZZ_SEED ?? Date.now() % 1_000_000);
const CASES = 3000;
const TIME_BUDGET_MS = 15_000;
const PARALLEL = 12;
const BOUNDS: Bounds = { reactMs: 3000, openMs: 100, anyMs: 150 };
/** Both servers cut a connection that has not completed its handshake after this long (their default). */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** The job: sequence-check at parallelism 4 over both TaskManagers, rate-limited to outlast the fuzzing. */
const RECORDS = 20_000;
const RECORDS_PER_SECOND = 1200;

after(() => killAll());

interface Target {
  name: string;
  protocol: "rpc" | "data";
  role: "jm" | "tm";
  address: string;
  process: SluiceProcess;
  weight: number;
}

test(`${CASES} random, mutated and hostile RPC and data frames against a running cluster (seed ${SEED})`, { timeout: 150_000 }, async () => {
  const jm = await startJobManager();
  const tms = await Promise.all([startTaskManager(jm.rpcHostPort), startTaskManager(jm.rpcHostPort)]);
  const rpcOf = (p: SluiceProcess): string => /TaskManager \S+ ready: RPC (\S+),/.exec(p.stdout())![1]!;
  const targets: Target[] = [
    { name: "JobManager RPC", protocol: "rpc", role: "jm", address: jm.rpcAddress, process: jm, weight: 3 },
    ...tms.flatMap((tm, i): Target[] => [
      { name: `TaskManager ${i + 1} RPC`, protocol: "rpc", role: "tm", address: rpcOf(tm), process: tm, weight: 1.5 },
      { name: `TaskManager ${i + 1} data`, protocol: "data", role: "tm", address: tm.dataAddress, process: tm, weight: 2 },
    ]),
  ];
  const facts: ClusterFacts = { taskManagerIds: tms.map((tm) => tm.id), dataAddresses: tms.map((tm) => tm.dataAddress) };

  // The job runs before, during and after the fuzzing; it is never a target of a valid frame.
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 200 });
  const prepared = await prepareJob(testJob("sequence-check.ts"), { args: [String(RECORDS), "0", "4", String(RECORDS_PER_SECOND), "2", "500"] });
  let jobId = "";
  const run = runPrepared(prepared, { client, onSubmitted: (id) => (jobId = id) });
  await waitFor(async () => jobId !== "" && (await getJson<{ state: string; vertices: { status: string }[] }>(jm.restUrl, `/jobs/${jobId}`)).vertices.every((v) => v.status === "RUNNING"), "the job's tasks to run", 20_000, 100);

  // Connections that never complete a handshake: silent, or stuck in the middle of a header.
  const idle = targets.flatMap((t) => [idleConnection(t.address, Buffer.alloc(0)), idleConnection(t.address, Buffer.from([0, 0, 0]))]);

  const random = seededRandom(SEED);
  const totalWeight = targets.reduce((n, t) => n + t.weight, 0);
  const pickTarget = (): Target => {
    let w = random() * totalWeight;
    for (const t of targets) if ((w -= t.weight) < 0) return t;
    return targets[0]!;
  };
  const problems: string[] = [];
  const stats = new Map<string, { sent: number; closedByServer: number }>();
  const fuzzPorts = new Map<string, Set<number>>(targets.map((t) => [t.address, new Set<number>()]));
  const deadline = Date.now() + TIME_BUDGET_MS;
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < CASES && Date.now() < deadline && problems.length < 20) {
      sent++;
      const target = pickTarget();
      const c: WireCase = target.protocol === "rpc" ? rpcCase(random, target.role) : dataCase(random, facts);
      const outcome = await playCase(c, target.address, BOUNDS);
      if (outcome.localPort !== undefined) fuzzPorts.get(target.address)!.add(outcome.localPort);
      if (outcome.problem) problems.push(`${target.name}: ${outcome.problem}`);
      const key = `${target.protocol} ${c.name}`;
      const s = stats.get(key) ?? { sent: 0, closedByServer: 0 };
      s.sent++;
      if (outcome.closedByServer) s.closedByServer++;
      stats.set(key, s);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const jobStateAfterFuzzing = (await getJson<{ state: string }>(jm.restUrl, `/jobs/${jobId}`)).state;

  const summary = [...stats].sort().map(([k, s]) => `  ${k}: ${s.sent} (${s.closedByServer} closed by the server)`).join("\n");
  process.stderr.write(`protocol fuzz, seed ${SEED}: ${sent} cases, job ${jobStateAfterFuzzing} when they ended\n${summary}\n`);
  assert.deepEqual(problems, [], `seed ${SEED}`);
  // On a loaded machine the time bound ends the run early; it must still have been a real run.
  assert.ok(sent >= 1000, `only ${sent} cases within the time budget`);

  // Nobody died, and the cluster still has both TaskManagers.
  for (const t of targets) assert.equal(t.process.hasExited(), false, `${t.name}'s process died:\n${t.process.stderr().slice(-3000)}`);
  assert.equal((await getJson<Overview>(jm.restUrl, "/overview")).taskmanagers, 2);

  // The job finishes with the reference result, and the fuzzing never made it fail over.
  const result = await run;
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(finalsOf(result.records!), referenceFinals(RECORDS));
  assert.equal(result.restarts, 0, "the job restarted while it was fuzzed");

  // Every fuzz connection is closed on the server side too.
  for (const t of targets) {
    const { port } = parseTcpAddress(t.address);
    let leftover: string[] = [];
    await waitFor(() => (leftover = leftoverServerConnections(port, fuzzPorts.get(t.address)!)).length === 0, `${t.name} to close every fuzz connection`, 5000).catch(() => {
      assert.deepEqual(leftover, [], `${t.name} kept fuzz connections open`);
    });
  }
  // Connections that never finished a handshake were cut by the servers.
  const idleOutcomes = await Promise.all(idle);
  assert.deepEqual(idleOutcomes.filter((o) => o !== "closed by the server"), [], "idle unauthenticated connections are closed at the handshake timeout");
});

/** Opens a connection, sends `bytes` (possibly nothing), and reports whether the server hangs up within its handshake timeout. */
function idleConnection(address: string, bytes: Buffer): Promise<string> {
  const { host, port } = parseTcpAddress(address);
  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`${address} kept an idle connection (${bytes.length} bytes sent) open for ${HANDSHAKE_TIMEOUT_MS + 5000} ms`);
    }, HANDSHAKE_TIMEOUT_MS + 5000);
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve("closed by the server");
    });
  });
}
