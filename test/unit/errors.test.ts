/**
 * The failure model across boundaries (docs/architecture.md, "Failures"): a registered SluiceError
 * thrown in a worker thread or in another process arrives as the same class, with its message,
 * code, cause chain and a stack that marks where it was thrown.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { TcpRpcService } from "../../src/cluster/rpc/index.js";
import { ZooKeeperError } from "../../src/cluster/ha/zookeeper/zookeeper-types.js";
import { deserializeError, isSerializedError, MAX_CAUSE_DEPTH, serializeError, type SerializedError } from "../../src/errors/serialized-error.js";
import { registerErrorClass, SluiceError } from "../../src/errors/sluice-error.js";
import { REPO_ROOT, siblingScript } from "../support/paths.js";
import { ProbeCauseError, ProbeError } from "./support/probe-errors.js";

function assertProbeFailure(error: unknown, where: RegExp): void {
  assert.ok(error instanceof ProbeError, `expected a ProbeError, got ${String(error)}`);
  assert.equal(error.name, "ProbeError");
  assert.equal(error.message, "probe failed: retry after freeing space");
  assert.match(error.stack ?? "", /failDeepInside|fail/, "the remote stack is kept");
  assert.match(error.stack ?? "", where, "the stack marks the remote origin");
  const cause = error.cause;
  assert.ok(cause instanceof ProbeCauseError, `expected a ProbeCauseError cause, got ${String(cause)}`);
  assert.equal(cause.message, "the disk said no");
  assert.equal((cause as { code?: unknown }).code, "EPROBE");
}

test("an error thrown in a worker thread arrives as its registered class with its cause", { timeout: 20_000 }, async () => {
  const worker = new Worker(new URL("./support/throwing-worker.js", import.meta.url));
  try {
    const [message] = (await once(worker, "message")) as [{ type: string; error: SerializedError }];
    assert.equal(message.type, "failed");
    const error = deserializeError(message.error, "worker thread");
    assertProbeFailure(error, /\n    at <remote> worker thread$/);
    assert.match(error.stack!, /throwing-worker/);
  } finally {
    await worker.terminate();
  }
});

test("an error thrown by an endpoint in another process arrives as its registered class with its cause", { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, siblingScript(import.meta.url, "./support/failing-endpoint.ts"), {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const client = await TcpRpcService.start();
  try {
    const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
    const { address } = JSON.parse(line) as { address: string };
    const remote = await client.connect<{ fail(): void }>(address, "probe");
    const error = await remote.gateway.fail().then(
      () => assert.fail("the call should have failed"),
      (e: unknown) => e,
    );
    const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    assertProbeFailure(error, new RegExp(`at <remote> ${escaped} probe\\.fail`));
    assert.match((error as Error).stack!, /failing-endpoint/);
  } finally {
    await client.stop();
    child.kill();
  }
});

test("an unregistered class keeps its name but is rebuilt as a plain Error", () => {
  class UnlistedError extends Error {
    override name = "UnlistedError";
  }
  const error = deserializeError(serializeError(new UnlistedError("x")), "there");
  assert.equal(error.name, "UnlistedError");
  assert.equal(Object.getPrototypeOf(error), Error.prototype);
});

test("fields of a class with its own constructor survive without running the constructor", () => {
  const error = deserializeError(serializeError(new ZooKeeperError("NO_NODE", "getData", "/sluice/a")), "there");
  assert.ok(error instanceof ZooKeeperError);
  assert.equal(error.code, "NO_NODE");
  assert.equal(error.operation, "getData");
  assert.equal(error.path, "/sluice/a");
  assert.equal(error.message, "ZooKeeper getData /sluice/a: NO_NODE");
});

test("a cause chain is cut at the bound depth, so a cycle cannot loop", () => {
  class LoopError extends SluiceError {}
  registerErrorClass(LoopError);
  const a = new LoopError("a");
  const b = new LoopError("b", { cause: a });
  (a as { cause?: unknown }).cause = b;
  const serialized = serializeError(a);
  assert.ok(isSerializedError(serialized), "the cut chain is still a valid wire value");
  let data = serialized;
  let depth = 0;
  while (data.cause) {
    data = data.cause;
    depth++;
  }
  assert.equal(depth, MAX_CAUSE_DEPTH);
  assert.match(data.message, /further causes omitted/);
});

test("a thrown non-Error still arrives with a readable message", () => {
  assert.equal(deserializeError(serializeError({ reason: "nope" }), "there").message, '{"reason":"nope"}');
  assert.equal(deserializeError(serializeError("plain"), "there").message, "plain");
});

test("a SluiceError is named after its class and keeps its cause", () => {
  class NamedError extends SluiceError {}
  const cause = new Error("inner");
  const error = new NamedError("outer", { cause });
  assert.equal(error.name, "NamedError");
  assert.equal(error.cause, cause);
  assert.equal(new NamedError("no cause").cause, undefined);
});

test("two classes cannot be registered under one name", () => {
  class ProbeError extends SluiceError {}
  assert.throws(() => registerErrorClass(ProbeError), /two error classes are registered as ProbeError/);
});

test("a peer's details cannot replace an error's message, name or prototype", () => {
  const data: SerializedError = { name: "ProbeError", message: "real", details: { message: "fake", name: "Other", ["__proto__"]: "x", retries: 3 } };
  const error = deserializeError(data, "there");
  assert.ok(error instanceof ProbeError);
  assert.equal(error.message, "real");
  assert.equal(error.name, "ProbeError");
  assert.equal((error as unknown as { retries: number }).retries, 3);
});
