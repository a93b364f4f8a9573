/**
 * Run inside a container on the cluster's network (test/containers/session-cluster.test.ts): makes
 * the calls a former leader would make with its old leader session id — to a JobManager's
 * Dispatcher, and to a TaskManager, freeing a job's slots — and prints, as one JSON line, whether
 * each was refused with a FencingTokenMismatchError.
 *   node stale-call-probe.js <staleSessionId> <jobId> <taskExecutorAddress> <dispatcherAddress>…
 * Cluster secret and TLS files: /etc/sluice/tls/{secret,node.pem,node.key,ca.pem}.
 */
import { readFileSync } from "node:fs";
import { FencingTokenMismatchError } from "../../../src/cluster/rpc/interface.js";
import { TcpRpcService } from "../../../src/cluster/rpc/tcp-rpc-service.js";
import type { DispatcherGateway } from "../../../src/cluster/dispatcher/dispatcher-gateway.js";
import type { TaskExecutorGateway } from "../../../src/cluster/taskexecutor/task-executor-gateway.js";

const [staleSession, jobId, taskExecutor, ...dispatchers] = process.argv.slice(2) as [string, string, string, ...string[]];
const file = (name: string): string => readFileSync(`/etc/sluice/tls/${name}`, "utf8");
const rpc = await TcpRpcService.start({
  secret: file("secret").trim(),
  tls: { cert: file("node.pem"), key: file("node.key"), ca: file("ca.pem") },
  logger: { warn: () => {} },
});

async function refused(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "accepted";
  } catch (e) {
    return e instanceof FencingTokenMismatchError ? "refused" : `failed otherwise: ${(e as Error).message}`;
  }
}

const outcome: Record<string, string> = {};
for (const address of dispatchers) {
  const dispatcher = await rpc.connect<DispatcherGateway>(address, "dispatcher", { fencingToken: staleSession });
  outcome[address] = await refused(() => dispatcher.gateway.listJobs());
  dispatcher.close();
}
const te = await rpc.connect<TaskExecutorGateway>(taskExecutor, "taskexecutor");
outcome[taskExecutor] = await refused(() => te.gateway.disconnectJobManager(jobId, "stale", staleSession));
te.close();
await rpc.stop();
console.log(JSON.stringify(outcome));
