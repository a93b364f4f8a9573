/**
 * The shared parts of the attempts deployed to this TaskExecutor (docs/architecture.md,
 * "Scheduling"): decoded once per attempt, with what every task of the attempt derives from them.
 */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { taskManagerOf } from "../../runtime/network/frames.js";
import { decodeDeploymentShared, type DeploymentShared, type TaskSubmission } from "../../runtime/tasks/deployment.js";

/** A submission names a shared part that never reached this TaskExecutor (its first submission was lost). */
export class MissingDeploymentDataError extends SluiceError {}
registerErrorClass(MissingDeploymentDataError);

export interface CachedDeployment {
  readonly jobId: string;
  readonly shared: DeploymentShared;
  /** The TaskManagers that run tasks of the attempt: a lost data connection to one breaks its channels. */
  readonly taskManagers: ReadonlySet<string>;
}

/** Attempts kept per TaskExecutor; older ones are dropped first (their tasks have long been deployed). */
const MAX_ATTEMPTS = 32;

export class DeploymentCache {
  private readonly entries = new Map<string, CachedDeployment>();

  resolve(submission: TaskSubmission): CachedDeployment {
    const known = this.entries.get(submission.sharedId);
    if (known) return known;
    if (!submission.shared) {
      throw new MissingDeploymentDataError(
        `task ${submission.executionId}: the deployment data of ${submission.sharedId} did not reach this TaskManager (its first submission was lost); the job restarts`,
      );
    }
    const shared = decodeDeploymentShared(submission.shared);
    const taskManagers = new Set(Object.values(shared.locations).flatMap((workers) => workers.map(taskManagerOf)));
    const entry: CachedDeployment = { jobId: submission.jobId, shared, taskManagers };
    this.entries.set(submission.sharedId, entry);
    if (this.entries.size > MAX_ATTEMPTS) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** Forgets a job's attempts (its last slot here was freed). */
  forgetJob(jobId: string): void {
    for (const [id, entry] of this.entries) if (entry.jobId === jobId) this.entries.delete(id);
  }
}
