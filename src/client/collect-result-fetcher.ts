/**
 * The client's end of collecting results while a job runs (Flink's CollectResultFetcher with its
 * checkpointed and uncheckpointed result buffers; the protocol: src/runtime/coordination/
 * collect-protocol.ts; docs/architecture.md, "Collecting results"). It asks the sink's coordinator
 * for records from the offset it has reached, and hands them to the consumer:
 *
 * - with exactly-once checkpoints, only records below the sink's last checkpointed offset. When the
 *   sink starts over (a new version, restored from a checkpoint), the records the client holds
 *   beyond that checkpoint's offset are dropped, since the restored job produces them again; so the
 *   consumer sees every record exactly once;
 * - otherwise every record at once; the records a restarted sink holds or produces again come again
 *   (Flink's uncheckpointed buffer with failure tolerance: at least once).
 *
 * Once the job has finished, a last fetch takes what is left and everything is final. Closing the
 * channel cancels the job.
 */
import type { CollectChannel } from "../api/collect-iterator.js";
import type { CoordinationResponse } from "../cluster/dispatcher/job-master-service.js";
import type { JobResult } from "../cluster/messages.js";
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";
import { RestRequestError } from "./rest-transport.js";
import { LeaderUnavailableError } from "../cluster/leadership/leader-tracker.js";
import { UnknownJobError } from "../cluster/dispatcher/dispatcher-errors.js";

/** The job behind the records ended other than by finishing or being closed by its consumer. */
export class CollectJobFailedError extends SluiceError {}
registerErrorClass(CollectJobFailedError);

export interface CollectTransport {
  request(request: { version: string; offset: number }): Promise<CoordinationResponse>;
  cancel(): Promise<void>;
  /** Settles once the job is globally terminal. */
  result: Promise<JobResult>;
}

/** How long the cluster may be unable to answer (a JobManager failover) before the iterator gives up. */
const UNAVAILABLE_FOR_MS = 60_000;

/**
 * A failure that passes: no leader known yet (503), a new leader that has not recovered the job yet
 * (404, UnknownJobError), or no connection to the REST endpoint.
 */
function isUnavailable(e: unknown): boolean {
  // A 404 for an operator without a coordinator stays: only the job's is waited out.
  if (e instanceof RestRequestError) return e.status === 503 || (e.status === 404 && e.errors.some((m) => /^job \S+ not found/.test(m)));
  if (e instanceof UnknownJobError) return true;
  const code = (e as { cause?: { code?: string }; code?: string } | undefined)?.cause?.code ?? (e as { code?: string } | undefined)?.code;
  return code === "ECONNREFUSED" || code === "ECONNRESET" || e instanceof LeaderUnavailableError;
}

/** How long to wait between fetches that brought nothing new (doubling up to the maximum). */
const MIN_POLL_MS = 5;
const MAX_POLL_MS = 100;

export class CollectResultFetcher implements CollectChannel {
  private version = "";
  /** Records below this offset have been fetched (the next request's offset). */
  private fetched = 0;
  /** Records below this offset are the consumer's (handed out, or in `ready`). */
  private committed = 0;
  /** Fetched records from `committed` on, waiting for a checkpoint to cover them. */
  private uncommitted: unknown[] = [];
  private ready: unknown[] = [];
  private terminal: JobResult | undefined;
  private closing: Promise<void> | undefined;
  private drained = false;
  /** With a limit (executeAndCollect(limit)): every record handed out, for the runner's result. */
  readonly delivered: unknown[] | undefined;

  constructor(
    private readonly transport: CollectTransport,
    keepDelivered = false,
  ) {
    this.delivered = keepDelivered ? [] : undefined;
    transport.result.then(
      (r) => (this.terminal = r),
      () => {},
    );
  }

  /** Whether the consumer stopped the job (its cancellation is then its success). */
  get closedByConsumer(): boolean {
    return this.closing !== undefined;
  }

  async next(): Promise<IteratorResult<unknown>> {
    let pause = MIN_POLL_MS;
    for (;;) {
      if (this.closing) return { value: undefined, done: true };
      if (this.ready.length > 0) {
        const value = this.ready.shift();
        this.delivered?.push(value);
        return { value, done: false };
      }
      if (this.drained) return { value: undefined, done: true };
      const terminal = this.terminal;
      if (terminal && terminal.state !== "FINISHED") {
        throw new CollectJobFailedError(`the job behind collectAsync() ended ${terminal.state}${terminal.failure ? `: ${terminal.failure.message}` : ""}`);
      }
      const progressed = await this.fetch(terminal !== undefined);
      if (terminal) {
        // Finished: the coordinator has every record; the last ones are final, checkpoint or not.
        this.commit(this.fetched);
        if (!progressed && this.ready.length === 0) this.drained = true;
        continue;
      }
      if (this.ready.length > 0) continue;
      await Promise.race([new Promise((r) => setTimeout(r, pause)), this.transport.result.catch(() => {})]);
      pause = Math.min(MAX_POLL_MS, pause * 2);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.terminal ? Promise.resolve() : this.transport.cancel().catch(() => {});
    return this.closing;
  }

  /** Nobody consumes any more (the definition failed): the job is cancelled, which is not the consumer's success. */
  abort(): void {
    if (!this.terminal) void this.transport.cancel().catch(() => {});
  }

  /** One request; whether it brought anything (records, or the sink's new version). */
  private async fetch(finished: boolean): Promise<boolean> {
    const r = await this.requestRetrying();
    // No sink has pushed to this coordinator yet (a new leader's, before the recovered sink's first
    // push): nothing to learn, in particular not the restored checkpoint's offset.
    if (r.version === "") return false;
    if (r.version !== this.version) {
      if (this.version !== "") this.sinkRestarted(r);
      this.version = r.version;
      return true;
    }
    const before = this.fetched;
    if (r.values.length > 0) {
      const skip = this.fetched - r.offset;
      for (let i = Math.max(0, skip); i < r.values.length; i++) this.uncommitted.push(r.values[i]);
      this.fetched = Math.max(this.fetched, r.offset + r.values.length);
    }
    this.commit(r.exactlyOnce && !finished ? Math.min(r.lastCheckpointedOffset, this.fetched) : this.fetched);
    return this.fetched > before;
  }

  /**
   * The request, tried again while the cluster cannot answer for a while (a JobManager failing over:
   * 503 while no leader is known, 404 until the new leader has recovered the job, refused
   * connections); other errors, and one that lasts UNAVAILABLE_FOR_MS, end the iterator.
   */
  private async requestRetrying(): Promise<CoordinationResponse> {
    const giveUpAt = Date.now() + UNAVAILABLE_FOR_MS;
    let pause = MIN_POLL_MS;
    for (;;) {
      try {
        return await this.transport.request({ version: this.version, offset: this.fetched });
      } catch (e) {
        if (!isUnavailable(e) || Date.now() > giveUpAt || this.terminal) throw e;
      }
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(1000, pause * 2);
    }
  }

  private sinkRestarted(r: CoordinationResponse): void {
    if (r.exactlyOnce) {
      // What the restored checkpoint covers stays (and is final now); the rest comes again.
      const keep = Math.max(0, Math.min(this.uncommitted.length, r.lastCheckpointedOffset - this.committed));
      this.uncommitted.length = keep;
      this.fetched = this.committed + keep;
      this.commit(this.fetched);
    } else {
      // From where the restarted sink's records start (0 without a checkpoint): what came after it comes again.
      this.uncommitted = [];
      this.fetched = r.offset;
      this.committed = r.offset;
    }
  }

  /** Hands the records below `offset` to the consumer. */
  private commit(offset: number): void {
    if (offset <= this.committed) return;
    const n = offset - this.committed;
    // Not push(...): a fetch can bring more records than a call may take arguments.
    this.ready = this.ready.concat(this.uncommitted.splice(0, n));
    this.committed = offset;
  }
}
