/**
 * Issue 20 item 9 on a real job (MiniCluster): what the job writes to a socket and to standard
 * error against a reference computation, and the properties as the job graph and REST plan show them.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { COLLECT_PREFIX } from "../jobs/windowing/support/collect.js";
import { planJson } from "../../src/rest/views/job-views.js";

const N = 50;

test("fromData, printToErr, writeToSocket and the operator properties", async () => {
  const received: string[] = [];
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.setEncoding("utf8");
    s.on("data", (d: string) => received.push(d));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;

  // Task threads' standard error reaches this process's; catch the printToErr lines on the way.
  const errLines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    for (const line of text.split("\n")) if (line.startsWith("squares-err")) errLines.push(line);
    return text.includes("squares-err") ? true : write(chunk, ...rest);
  }) as typeof process.stderr.write;
  let r;
  try {
    r = await runJob(testJob("api/operator-properties-job.ts"), { args: [String(port), String(N)] });
  } finally {
    // Worker stderr is forwarded asynchronously: give it a moment before restoring.
    await new Promise((res) => setTimeout(res, 300));
    process.stderr.write = write;
  }
  await Promise.all(sockets.map((s) => (s.readableEnded ? undefined : once(s, "end"))));
  server.close();
  assert.equal(r.state, "FINISHED", r.failure?.message);

  const lines = received.join("").split("\n").filter((l) => l !== "");
  const evens = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 0);
  assert.deepEqual(lines.sort(), evens.map((i) => `${i}:${i * i}`).sort());

  // Flink's print format: "prefix:subtask> record" at parallelism > 1.
  const printed = errLines.map((l) => l.replace(/^squares-err:[123]> /, "")).sort();
  const expectedPrinted = Array.from({ length: N }, (_, i) => `{ i: ${i}, sq: ${i * i} }`).sort();
  assert.deepEqual(printed, expectedPrinted);
  assert.ok(errLines.every((l) => /^squares-err:[123]> /.test(l)), errLines[0]);

  const ops = r.jobGraph.vertices.flatMap((v) => v.operators.map((o) => ({ v, o })));
  const map = ops.find(({ o }) => o.kind === "map" && !o.name.startsWith(COLLECT_PREFIX))!;
  assert.equal(map.o.uid, "0123456789abcdef0123456789abcdef", "setUidHash is the state id");
  assert.equal(map.o.config.description, "squares every number");
  assert.equal(map.o.config.bufferTimeoutMs, 0);
  // The REST plan (what the dashboard draws) shows the description instead of the name.
  const plan = planJson({ jid: r.jobId, name: r.jobGraph.name, jobGraph: r.jobGraph }) as { nodes: { id: string; description: string }[] };
  assert.match(plan.nodes.find((n) => n.id === map.v.id)!.description, /squares every number/);
  const filter = ops.find(({ o }) => o.kind === "filter")!;
  assert.equal(filter.v.parallelism, 1);
  assert.equal(filter.v.maxParallelism, 1, "forceNonParallel");
  const sink = ops.find(({ o }) => o.name === "to the test's socket")!;
  assert.equal(sink.v.maxParallelism, 16, "DataStreamSink.setMaxParallelism");
  const parallelisms = Object.entries(r.collected).find(([id]) => ops.find(({ o }) => String(o.nodeId) === id)?.o.name === COLLECT_PREFIX + "parallelisms")?.[1];
  assert.deepEqual(parallelisms, [{ env: 3, squares: 3, single: 1 }]);
});

test("writeToSocket to a closed port fails the job with the address in the error", async () => {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, "close");
  const r = await runJob(testJob("api/operator-properties-job.ts"), { args: [String(port), "4"], config: { "restart-strategy.type": "none" } });
  assert.equal(r.state, "FAILED");
  assert.match(r.failure?.message ?? "", new RegExp(`writeToSocket: cannot connect to 127\\.0\\.0\\.1:${port}`));
});
