/**
 * A ClusterClient for a remote Dispatcher, over its REST API: submits bundle + JobGraph with
 * POST /jobs, follows the job through /jobs/:jobid/execution-result (Flink's client does the same),
 * cancels with PATCH /jobs/:jobid?mode=cancel. Also the jar and overview calls the CLI needs.
 */
import type { ExecutionState, JobBundle, JobDetails, JobResult, JobStatus, JobSubmission, SubtaskInfo, VertexInfo } from "../cluster/messages.js";
import type {
  DeliverCoordinationRequestBody,
  DeliverCoordinationRequestResponse,
  GetJobExecutionResultResponse,
  GetJobResponse,
  GetJobVertexResponse,
  GetJobVertexWatermarksResponse,
  GetSavepointStatusResponse,
  ListJobOverviewsResponse,
  RunJarBody,
  RunJarResponse,
  StopJobWithSavepointBody,
  SubmitJobBody,
  SubmitJobResponse,
  TriggerSavepointBody,
  TriggerSavepointResponse,
  UploadJarResponse,
} from "../rest/schemas/rest-types.js";
import type { JobGraph, JobVertex } from "../graph/job-graph.js";
import type { PartitionerSpec } from "../graph/stream-graph.js";
import { decodeCollected, decodePacked, encodePacked } from "../rest/collected-records.js";
import type { CoordinationResponse } from "../cluster/dispatcher/job-master-service.js";
import type { ClusterClient } from "./cluster-client.js";
import { RestRequestError, RestTransport, type RestTransportOptions } from "./rest-transport.js";
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";

export interface RestClusterClientOptions extends RestTransportOptions {
  /** Longest wait between two polls of a running job; default 500 ms. */
  maxPollIntervalMs?: number;
}

/** One row of GET /jobs/overview. */
export type JobOverviewJson = ListJobOverviewsResponse["jobs"][number];

/** A savepoint (or stop-with-savepoint) the cluster could not complete. */
export class SavepointFailedError extends SluiceError {}
registerErrorClass(SavepointFailedError);

export type JarRunOptions = Pick<RunJarBody, "programArgsList" | "parallelism" | "flinkConfiguration">;

const TERMINAL = new Set<JobStatus>(["FINISHED", "CANCELED", "FAILED"]);
/** How long a job this client submitted may be unknown to the leader (a failover's recovery) before result() gives up. */
const RECOVERY_WAIT_MS = 60_000;
const NO_WATERMARK = "-9223372036854775808";

export class RestClusterClient implements ClusterClient {
  readonly transport: RestTransport;
  /** JobGraphs this client submitted: details() returns them as they were, not rebuilt from the plan. */
  private readonly submitted = new Map<string, JobGraph>();

  constructor(private readonly options: RestClusterClientOptions) {
    this.transport = new RestTransport(options);
  }

  async submit(submission: JobSubmission, bundle: JobBundle): Promise<string> {
    const body: SubmitJobBody = {
      jobGraph: submission.jobGraph,
      bundle: { hash: bundle.hash, code: bundle.code },
      definition: submission.definition,
    };
    if (submission.savepointPath) {
      body.savepointPath = submission.savepointPath;
      body.allowNonRestoredState = submission.allowNonRestoredState ?? false;
    }
    const { jobid } = await this.transport.json<SubmitJobResponse>("POST", "/jobs", body);
    this.submitted.set(jobid, submission.jobGraph);
    return jobid;
  }

  /** Waits until the job is globally terminal and returns its result with the collected records. */
  async result(jobId: string): Promise<JobResult> {
    let wait = 20;
    let unknownSince: number | undefined;
    for (;;) {
      let r: GetJobExecutionResultResponse;
      try {
        r = await this.transport.json<GetJobExecutionResultResponse>("GET", `/jobs/${jobId}/execution-result`);
        unknownSince = undefined;
      } catch (e) {
        // During a JobManager failover a standby answers 503 while no leader is known, and the new
        // leader 404 for a job it has not recovered yet (for a while, for a job this client submitted).
        const status = e instanceof RestRequestError ? e.status : 0;
        unknownSince = status === 404 ? (unknownSince ?? Date.now()) : undefined;
        const recovering = status === 404 && this.submitted.has(jobId) && Date.now() - unknownSince! < RECOVERY_WAIT_MS;
        if (status !== 503 && !recovering) throw e;
        wait = await this.pause(wait);
        continue;
      }
      const done = r["job-execution-result"];
      if (r.status.id === "COMPLETED" && done) {
        const d = await this.transport.json<GetJobResponse>("GET", `/jobs/${jobId}`);
        const collected: Record<number, unknown[]> = {};
        for (const [sink, data] of Object.entries(done.collected)) collected[Number(sink)] = decodeCollected(data);
        const failure = done["failure-cause"];
        return {
          jobId,
          state: d.state,
          collected,
          failure: failure ? { name: failure.class, message: failure.message, stack: failure["stack-trace"] } : undefined,
          startTime: d["start-time"],
          endTime: d["end-time"],
          restarts: done.restarts,
          checkpoints: { ...done.checkpoints },
          accumulators: { ...done["accumulator-results"] },
        };
      }
      wait = await this.pause(wait);
    }
  }

  /** Triggers a savepoint and waits for it; resolves with its folder. */
  async triggerSavepoint(jobId: string, dir?: string): Promise<string> {
    const body: TriggerSavepointBody = dir ? { "target-directory": dir } : {};
    const { "request-id": id } = await this.transport.json<TriggerSavepointResponse>("POST", `/jobs/${jobId}/savepoints`, body);
    return this.awaitOperation(jobId, id);
  }

  /** Stops the job with a savepoint (drain: MAX_WATERMARK first) and waits for it; resolves with its folder. */
  async stopWithSavepoint(jobId: string, dir?: string, drain = false): Promise<string> {
    const body: StopJobWithSavepointBody = { drain, ...(dir ? { targetDirectory: dir } : {}) };
    const { "request-id": id } = await this.transport.json<TriggerSavepointResponse>("POST", `/jobs/${jobId}/stop`, body);
    return this.awaitOperation(jobId, id);
  }

  /** POST /jobs/:jobid/coordinators/:operatorid, request and result as base64 msgpack. */
  async deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): Promise<CoordinationResponse> {
    const body: DeliverCoordinationRequestBody = { serializedCoordinationRequest: encodePacked(request) };
    const r = await this.transport.json<DeliverCoordinationRequestResponse>("POST", `/jobs/${jobId}/coordinators/${encodeURIComponent(operatorUid)}`, body);
    return decodePacked(r.serializedCoordinationResult) as CoordinationResponse;
  }

  private async awaitOperation(jobId: string, triggerId: string): Promise<string> {
    let wait = 20;
    for (;;) {
      const r = await this.transport.json<GetSavepointStatusResponse>("GET", `/jobs/${jobId}/savepoints/${triggerId}`);
      if (r.status.id === "COMPLETED") {
        const failure = r.operation?.["failure-cause"];
        if (failure || !r.operation?.location) throw new SavepointFailedError(`savepoint of job ${jobId} failed: ${failure ? `${failure.class}: ${failure.message}` : "no location reported"}`);
        return r.operation.location;
      }
      wait = await this.pause(wait);
    }
  }

  private async pause(wait: number): Promise<number> {
    await new Promise((r) => setTimeout(r, wait));
    return Math.min(this.options.maxPollIntervalMs ?? 500, Math.ceil(wait * 1.5));
  }

  /** The job as the REST API shows it, turned back into the Dispatcher's record. */
  async details(jobId: string): Promise<JobDetails> {
    const d = await this.transport.json<GetJobResponse>("GET", `/jobs/${jobId}`);
    const vertices: VertexInfo[] = [];
    for (const v of d.vertices) {
      const [vd, wm] = await Promise.all([
        this.transport.json<GetJobVertexResponse>("GET", `/jobs/${jobId}/vertices/${v.id}`),
        this.transport.json<GetJobVertexWatermarksResponse>("GET", `/jobs/${jobId}/vertices/${v.id}/watermarks`),
      ]);
      const subtasks: SubtaskInfo[] = vd.subtasks.map((s, i) => ({
        subtask: s.subtask,
        status: s.status,
        attempt: s.attempt,
        taskManagerId: s["taskmanager-id"] === "(unassigned)" ? undefined : s["taskmanager-id"],
        host: s.host === "(unassigned)" ? undefined : s.host,
        startTime: s["start-time"],
        endTime: s["end-time"],
        metrics: {
          numRecordsIn: s.metrics["read-records"],
          numRecordsOut: s.metrics["write-records"],
          numBytesIn: s.metrics["read-bytes"],
          numBytesOut: s.metrics["write-bytes"],
          busyTimeMsPerSecond: s.metrics.busyTimeMsPerSecond,
          backPressuredTimeMsPerSecond: s.metrics.backPressuredTimeMsPerSecond,
          idleTimeMsPerSecond: s.metrics.idleTimeMsPerSecond,
          accumulatedBusyTimeMs: s.metrics["accumulated-busy-time"],
          accumulatedBackPressuredTimeMs: s.metrics["accumulated-backpressured-time"],
          accumulatedIdleTimeMs: s.metrics["accumulated-idle-time"],
          // Not part of the REST API (Flink has no such field): unknown over REST.
          inFlightBuffers: 0,
          currentInputWatermark: wm[i] && wm[i]!.value !== NO_WATERMARK ? Number(wm[i]!.value) : null,
        },
      }));
      vertices.push({
        id: v.id,
        name: v.name,
        parallelism: v.parallelism,
        maxParallelism: v.maxParallelism,
        status: v.status,
        startTime: v["start-time"],
        endTime: v["end-time"],
        tasks: nonZero(v.tasks),
        subtasks,
      });
    }
    return {
      jid: d.jid,
      name: d.name,
      state: d.state,
      startTime: d["start-time"],
      endTime: d["end-time"],
      duration: d.duration,
      now: d.now,
      timestamps: nonZero(d.timestamps),
      vertices,
      statusCounts: nonZero(d["status-counts"]),
      jobGraph: this.submitted.get(jobId) ?? graphFromPlan(d),
      statusMessage: d["status-message"],
      restarts: d.restarts,
    };
  }

  /** Cancels a job; a job that has already ended is left as it is. */
  async cancel(jobId: string): Promise<void> {
    try {
      await this.transport.json("PATCH", `/jobs/${jobId}?mode=cancel`);
    } catch (e) {
      if (e instanceof RestRequestError && e.status === 409) return;
      throw e;
    }
  }

  async listJobs(): Promise<JobOverviewJson[]> {
    return (await this.transport.json<ListJobOverviewsResponse>("GET", "/jobs/overview")).jobs;
  }

  /** Uploads a prebuilt bundle (multipart, as Flink's /jars/upload); returns the jar id. */
  async uploadJar(code: string | Buffer, fileName = "job.mjs"): Promise<string> {
    const boundary = `----sluice${Math.random().toString(16).slice(2)}`;
    const safeName = fileName.replace(/["\r\n\\]/g, "_");
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="jarfile"; filename="${safeName}"\r\ncontent-type: text/javascript\r\n\r\n`),
      Buffer.isBuffer(code) ? code : Buffer.from(code),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.transport.raw("POST", "/jars/upload", body, { "content-type": `multipart/form-data; boundary=${boundary}` });
    const parsed = JSON.parse(res.body.toString("utf8")) as Partial<UploadJarResponse> & { errors?: string[] };
    if (res.status !== 200 || !parsed.filename) throw new RestRequestError(res.status, parsed.errors ?? ["upload failed"], "POST", "/jars/upload");
    return parsed.filename.split("/").pop()!;
  }

  async runJar(jarId: string, options: JarRunOptions = {}): Promise<string> {
    return (await this.transport.json<RunJarResponse>("POST", `/jars/${jarId}/run`, options)).jobid;
  }
}

function nonZero<K extends string>(counts: Record<K, number>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [k, v] of Object.entries(counts) as [K, number][]) if (v) out[k] = v;
  return out;
}

/** The topology a plan describes (operator configs are not part of the REST API, so they are empty). */
function graphFromPlan(d: GetJobResponse): JobGraph {
  const byId = new Map(d.vertices.map((v) => [v.id, v]));
  const vertices: JobVertex[] = d.plan.nodes.map((n) => ({
    id: n.id,
    name: n.description,
    parallelism: n.parallelism,
    maxParallelism: byId.get(n.id)?.maxParallelism ?? n.parallelism,
    slotSharingGroup: "default",
    isSource: !n.inputs?.length,
    operators: n.chain.map((o, i) => ({
      nodeId: o.id,
      kind: o.kind,
      name: o.name,
      uid: o.uid,
      inputs: i === 0 ? (n.inputs?.length ? 1 : 0) : 1,
      config: {},
      chainedOutputs: [],
      networkOutputs: [],
    })),
  }));
  let edgeId = 0;
  const edges = d.plan.nodes.flatMap((n) =>
    (n.inputs ?? []).map((input) => ({
      id: edgeId++,
      source: input.id,
      target: n.id,
      sourceNodeId: -1,
      targetNodeId: n.chain[0]?.id ?? -1,
      partitioner: { type: input.ship_strategy.toLowerCase() } as PartitionerSpec,
      inputIndex: (input.num === 1 ? 1 : 0) as 0 | 1,
      ...(input.side_output ? { sideOutput: input.side_output } : {}),
    })),
  );
  return { name: d.name, vertices, edges, settings: {}, fingerprint: "" };
}
