/**
 * The REST endpoint's cache of vertices' CPU samples (Flink's VertexThreadInfoTracker; docs/architecture.md,
 * "Flame graphs"). The first request for a vertex starts a sampling and gets nothing yet (the route
 * answers Flink's "waiting"); later requests get the newest samples, and one older than
 * rest.flamegraph.refresh-interval starts the next sampling while it is still served. At most one
 * sampling per vertex runs at a time. Samples not asked for within rest.flamegraph.cleanup-interval
 * are dropped — checked on each request, so the tracker needs no timer of its own.
 */
import type { VertexCpuSamples } from "../../cluster/messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { Logger } from "../../util/logger.js";
import type { FlameGraphSettings } from "./flame-graph-options.js";

export type SampleVertex = (jobId: string, vertexId: string, request: CpuSampleRequest) => Promise<VertexCpuSamples>;

interface Entry {
  samples?: VertexCpuSamples;
  /** When the newest samples arrived (the tracker's clock). */
  sampledAt: number;
  sampling: boolean;
  lastRequest: number;
}

export class VertexCpuSampleTracker {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: FlameGraphSettings,
    private readonly sample: SampleVertex,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest samples of the vertex, if any; starts a sampling when there are none or they are old. */
  get(jobId: string, vertexId: string): VertexCpuSamples | undefined {
    const now = this.now();
    this.dropUnused(now);
    const key = `${jobId}/${vertexId}`;
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { sampledAt: 0, sampling: false, lastRequest: now }));
    entry.lastRequest = now;
    const stale = !entry.samples || now - entry.sampledAt >= this.settings.refreshIntervalMs;
    if (stale && !entry.sampling) this.start(key, entry, jobId, vertexId);
    return entry.samples;
  }

  /** Whether a sampling of the vertex runs now. */
  isSampling(jobId: string, vertexId: string): boolean {
    return this.entries.get(`${jobId}/${vertexId}`)?.sampling ?? false;
  }

  private start(key: string, entry: Entry, jobId: string, vertexId: string): void {
    entry.sampling = true;
    const request: CpuSampleRequest = { numSamples: this.settings.numSamples, delayBetweenSamplesMs: this.settings.delayBetweenSamplesMs };
    this.sample(jobId, vertexId, request).then(
      (samples) => {
        entry.sampling = false;
        // A job without running subtasks answers no trees: keep waiting rather than show an empty graph.
        if (samples.subtasks.length === 0) return;
        entry.samples = samples;
        entry.sampledAt = this.now();
      },
      (e: Error) => {
        entry.sampling = false;
        this.logger.warn(`CPU samples of vertex ${vertexId} of job ${jobId} failed: ${e.message}`);
        if (!entry.samples) this.entries.delete(key);
      },
    );
  }

  private dropUnused(now: number): void {
    for (const [key, entry] of this.entries) {
      if (!entry.sampling && now - entry.lastRequest >= this.settings.cleanupIntervalMs) this.entries.delete(key);
    }
  }
}
