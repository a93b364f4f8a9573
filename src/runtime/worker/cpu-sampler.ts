/**
 * CPU sampling of a slot's worker thread on request, for flame graphs (docs/architecture.md, "Flame
 * graphs"). Nothing runs until a sample is asked for: the inspector session is opened, V8's sampling
 * profiler started for `numSamples × delayBetweenSamplesMs`, stopped, and the session closed again,
 * so a worker that is never asked pays nothing. V8 samples this thread's stack every
 * `delayBetweenSamplesMs` on its own sampler thread, so a busy user function is sampled while it runs.
 */
import { Session } from "node:inspector/promises";
import { findSourceMap } from "node:module";
import { stackTreeFromProfile, taskView, type SourceLocator, type StackNode, type V8CpuProfile } from "./stack-tree.js";
import { TASK_FRAME_PREFIX, taskFrameName } from "../tasks/task-frame.js";

/** Flink's rest.flamegraph.num-samples and rest.flamegraph.delay-between-samples. */
export interface CpuSampleRequest {
  numSamples: number;
  delayBetweenSamplesMs: number;
}

/** The part of an inspector session the sampler uses (a double in unit tests). */
export interface ProfilerSession {
  connect(): void;
  post(method: string, params?: object): Promise<unknown>;
  disconnect(): void;
}

/**
 * Job bundles carry inline source maps (the worker enables them), so a frame in a bundle is named by the
 * user's own file and line; runtime files have no map and keep theirs.
 */
const originalSource: SourceLocator = (frame) => {
  if (!frame.url.startsWith("file:")) return undefined;
  try {
    const entry = findSourceMap(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
    if (!entry || !("originalSource" in entry) || !entry.originalSource) return undefined;
    return { file: entry.originalSource, line: entry.originalLine + 1 };
  } catch {
    return undefined;
  }
};

/** The task a frame of the tree belongs to (its task frame's name), if it is a task frame. */
const taskOfFrame = (frame: string): string | undefined => (frame.startsWith(TASK_FRAME_PREFIX) ? frame.split(" ")[0] : undefined);

/**
 * Each execution's part of its thread's samples, its task frame shown as `[task] <label>` (the vertex's
 * name, so that the subtasks' trees merge).
 */
export function executionViews(tree: StackNode, labels: ReadonlyMap<string, string>): Record<string, StackNode> {
  const out: Record<string, StackNode> = {};
  for (const [executionId, label] of labels) out[executionId] = taskView(tree, taskOfFrame, taskFrameName(executionId), `[task] ${label}`);
  return out;
}

export class CpuSampler {
  private running: Promise<StackNode> | undefined;
  /** Inspector sessions opened so far: none until the first request. */
  sessionsOpened = 0;

  constructor(
    private readonly openSession: () => ProfilerSession = () => new Session() as unknown as ProfilerSession,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Whether the profiler runs right now. */
  get active(): boolean {
    return this.running !== undefined;
  }

  /**
   * The sampled call tree. A request while sampling runs (another vertex in the same slot) shares that
   * run's samples: V8 keeps one profiler per thread, and both look at the same thread.
   */
  sample(request: CpuSampleRequest): Promise<StackNode> {
    this.running ??= this.run(request).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(request: CpuSampleRequest): Promise<StackNode> {
    const session = this.openSession();
    this.sessionsOpened++;
    session.connect();
    try {
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: Math.max(1, Math.round(request.delayBetweenSamplesMs * 1000)) });
      await session.post("Profiler.start");
      await this.sleep(request.numSamples * request.delayBetweenSamplesMs);
      const { profile } = (await session.post("Profiler.stop")) as { profile: V8CpuProfile };
      await session.post("Profiler.disable");
      return stackTreeFromProfile(profile, originalSource);
    } finally {
      session.disconnect();
    }
  }
}
