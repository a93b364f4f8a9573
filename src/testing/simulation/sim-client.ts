/**
 * The user of the simulated cluster: submits the scenario's jobs to whichever Dispatcher leads and
 * cancels some of them, retrying through leader changes as the CLI and REST client do. A retried
 * submission whose first attempt ran (its reply was lost) is answered "already exists" or "already
 * ended": that counts as submitted.
 */
import type { Dispatcher } from "../../cluster/dispatcher/dispatcher.js";
import { ENDPOINTS } from "../../cluster/endpoints.js";
import { LeaderComponents } from "../../cluster/ha/interface.js";
import { LeaderTracker } from "../../cluster/leadership/leader-tracker.js";
import type { Gateway } from "../../cluster/rpc/interface.js";
import type { SimProcess } from "./kernel.js";
import type { ProcessContext } from "./processes.js";
import type { SimJob } from "./scenario.js";
import type { SimRpcService } from "./sim-network.js";

const RETRY_MS = 1_000;

export class SimClient {
  readonly process: SimProcess;
  private readonly rpc: SimRpcService;
  private tracker: LeaderTracker | undefined;
  /** Jobs whose submission the cluster has taken. */
  readonly submitted = new Set<string>();

  constructor(private readonly ctx: ProcessContext) {
    this.process = ctx.kernel.spawn("client");
    this.rpc = this.process.run(() => ctx.net.service(this.process));
    this.process.run(() => {
      void LeaderTracker.start(LeaderComponents.DISPATCHER, ctx.ensemble.services(this.process).leaderRetrieval(LeaderComponents.DISPATCHER)).then(
        (t) => (this.tracker = t),
      );
    });
  }

  submit(job: SimJob): void {
    this.later(job.submitAtMs, () =>
      this.withDispatcher(`submit ${job.jobId.slice(0, 8)}`, async (d) => {
        try {
          // A fixed job id (as application mode uses) makes a retried submission recognisable.
          await d.submitJob(job.submission, job.bundle, job.jobId);
        } catch (e) {
          if (!/already exists|already ended/.test((e as Error).message)) throw e;
        }
        this.submitted.add(job.jobId);
      }, Infinity),
    );
  }

  cancel(job: SimJob, atMs: number): void {
    this.later(atMs, () =>
      this.withDispatcher(`cancel ${job.jobId.slice(0, 8)}`, async (d) => {
        if (!this.submitted.has(job.jobId)) throw new Error("not submitted yet");
        await d.cancelJob(job.jobId);
      }, 30),
    );
  }

  private later(delayMs: number, fn: () => void): void {
    this.ctx.kernel.schedule(fn, Math.max(0, delayMs - this.ctx.kernel.elapsed), this.process);
  }

  /** Calls the leading Dispatcher until the call succeeds. */
  private withDispatcher(what: string, call: (d: Gateway<Dispatcher>) => Promise<void>, attempts = 60): void {
    let left = attempts;
    const retry = (why: string): void => {
      if (--left <= 0) return this.ctx.trace.log(`CLIENT ${what} failed (${why}); giving up`);
      this.ctx.trace.log(`CLIENT ${what} failed (${why}); retrying`);
      this.ctx.kernel.schedule(attempt, RETRY_MS, this.process);
    };
    const attempt = (): void => {
      const leader = this.tracker?.leader;
      if (!leader) return retry("no leader known");
      void this.rpc.connect<Dispatcher>(leader.address, ENDPOINTS.dispatcher, { fencingToken: leader.sessionId, timeoutMs: 5_000 }).then(
        async (remote) => {
          try {
            await call(remote.gateway);
            this.ctx.trace.log(`CLIENT ${what} done`);
          } catch (e) {
            retry((e as Error).message);
          } finally {
            remote.close();
          }
        },
        (e: Error) => retry(e.message),
      );
    };
    attempt();
  }
}
