/**
 * Runs a job file: bundle it, evaluate its definition into a JobGraph, submit bundle and graph to
 * a cluster (the embedded MiniCluster unless one is given), and wait for the result. This is what
 * `sluice run` does, and what tests use to run jobs exactly as users do.
 */
import { readOption } from "../config/config-option.js";
import { RestOptions } from "../rest/rest-options.js";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requiredSlots, type JobGraph } from "../graph/job-graph.js";
import { evaluateJob, loadJobDefinition, type EvaluatedJob } from "../runtime/job-module.js";
import type { DefinitionInputs } from "../runtime/tasks/deployment.js";
import { MiniCluster } from "../cluster/minicluster.js";
import type { JobResult } from "../cluster/messages.js";
import { bundleJob, type BundledJob } from "./bundler.js";
import { MiniClusterClient, type ClusterClient } from "./cluster-client.js";
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";
import type { ExecutionRequest } from "../api/environment.js";
import { CollectResultFetcher, type CollectTransport } from "./collect-result-fetcher.js";
import type { CoordinationResponse } from "../cluster/dispatcher/job-master-service.js";

export interface RunOptions {
  args?: string[];
  parallelism?: number;
  config?: Record<string, string>;
  /** Where to run; by default a MiniCluster sized for the job is started and closed afterwards. */
  client?: ClusterClient;
  /** Resume from a savepoint (or retained checkpoint). */
  savepointPath?: string;
  allowNonRestoredState?: boolean;
  /** Called once the job is submitted. */
  onSubmitted?: (jobId: string, client: ClusterClient) => void;
}

export interface RunResult extends JobResult {
  jobGraph: JobGraph;
  /** The records of executeAndCollect(), when the definition called it (with a limit: those it took). */
  records?: unknown[];
  /** collectAsync() / executeAndCollect(limit): the job ended as its consumer wanted (finished, or cancelled by it). */
  collectedByConsumer?: boolean;
}

export class JobFailedError extends SluiceError {}
registerErrorClass(JobFailedError);

export interface PreparedJob {
  bundle: BundledJob;
  evaluated: EvaluatedJob;
  inputs: DefinitionInputs;
}

/** Bundles and evaluates a job file: what `sluice info` shows and what `run` submits. */
export async function prepareJob(file: string, options: Pick<RunOptions, "args" | "parallelism" | "config"> = {}): Promise<PreparedJob> {
  const bundle = await bundleJob(file);
  const dir = join(tmpdir(), "sluice-client-cache");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${bundle.hash}.mjs`);
  if (!existsSync(path)) writeFileSync(path, bundle.code);
  const config = options.config ?? {};
  const inputs: DefinitionInputs = {
    args: options.args ?? [],
    config,
    defaultParallelism: options.parallelism ?? readOption(config, RestOptions.PARALLELISM_DEFAULT),
  };
  const evaluated = await evaluateJob(await loadJobDefinition(path), inputs);
  return { bundle, evaluated, inputs };
}

/**
 * collectAsync() and executeAndCollect(limit): the records come from a fetcher while the job runs,
 * attached to the definition's iterator. The consumer's closing cancels the job: that is its success.
 */
export function attachCollectFetcher(jobGraph: JobGraph, execution: ExecutionRequest, transport: Omit<CollectTransport, "request"> & { request(uid: string, r: { version: string; offset: number }): Promise<CoordinationResponse> }): CollectResultFetcher {
  const sink = jobGraph.vertices.flatMap((v) => v.operators).find((o) => o.nodeId === execution.collectSinkId);
  if (!sink) throw new Error(`the collect sink ${execution.collectSinkId} is not in the job graph`);
  const fetcher = new CollectResultFetcher({ ...transport, request: (r) => transport.request(sink.uid, r) }, typeof sink.config.collectLimit === "number");
  execution.attach(fetcher);
  return fetcher;
}

/** Whether a collected job's end is success: it finished, or its consumer closed it. */
export function collectSucceeded(result: JobResult, fetcher: CollectResultFetcher | undefined): boolean {
  return result.state === "FINISHED" || (result.state === "CANCELED" && fetcher?.closedByConsumer === true);
}

export async function runJob(file: string, options: RunOptions = {}): Promise<RunResult> {
  const prepared = await prepareJob(file, options);
  return runPrepared(prepared, options);
}

export async function runPrepared({ bundle, evaluated, inputs }: PreparedJob, options: RunOptions = {}): Promise<RunResult> {
  const { jobGraph } = evaluated;
  let cluster: MiniCluster | undefined;
  let client = options.client;
  if (!client) {
    const config = options.config ?? {};
    cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: requiredSlots(jobGraph), config });
    client = new MiniClusterClient(cluster);
  }
  try {
    const submission = { jobGraph, bundleHash: bundle.hash, definition: inputs, savepointPath: options.savepointPath, allowNonRestoredState: options.allowNonRestoredState };
    let jobId: string;
    try {
      jobId = await client.submit(submission, { hash: bundle.hash, code: bundle.code });
    } catch (e) {
      evaluated.execution?.reject(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    options.onSubmitted?.(jobId, client);
    const resultPromise = client.result(jobId);
    const execution = evaluated.execution;
    const c = client;
    const fetcher =
      execution?.mode === "iterator"
        ? attachCollectFetcher(jobGraph, execution, { request: (uid, r) => c.deliverCoordinationRequest(jobId, uid, r), cancel: () => c.cancel(jobId), result: resultPromise })
        : undefined;
    // A definition that fails while it consumes can consume no more: its job must not run on unseen.
    if (fetcher) evaluated.completion.catch(() => fetcher.abort());
    const result = await resultPromise;
    let records = execution ? (result.collected[execution.collectSinkId] ?? []) : undefined;
    if (execution) {
      if (fetcher) {
        // The definition consumes the iterator; wait until it is done with it.
        await evaluated.completion.catch(() => {});
        records = fetcher.delivered;
        if (!collectSucceeded(result, fetcher)) execution.reject(new JobFailedError(`job ${result.state}: ${result.failure?.message ?? ""}`));
      } else {
        if (result.state === "FINISHED") execution.resolve(records ?? []);
        else execution.reject(new JobFailedError(`job ${result.state}: ${result.failure?.message ?? ""}`));
        // Let the definition finish what it does with the results (print them, check them).
        await evaluated.completion.catch(() => {});
      }
    }
    const succeeded = !fetcher || collectSucceeded(result, fetcher);
    return { ...result, jobGraph, records, ...(fetcher && succeeded ? { collectedByConsumer: true } : {}) };
  } finally {
    await cluster?.close();
  }
}
