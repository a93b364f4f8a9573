/**
 * Turns task submissions back into full descriptors for test doubles: the shared part of an attempt
 * arrives once per TaskManager and is named by `sharedId` afterwards.
 */
import { decodeDeploymentShared, taskDeploymentDescriptor, type DeploymentShared, type TaskDeploymentDescriptor, type TaskSubmission } from "../../runtime/tasks/deployment.js";

export class SharedDeployments {
  private readonly known = new Map<string, DeploymentShared>();
  /** Shared parts received but not decoded yet. */
  private readonly encoded = new Map<string, Uint8Array>();

  /** Keeps a submission's shared part without decoding it. */
  remember(submission: TaskSubmission): void {
    if (submission.shared && !this.known.has(submission.sharedId)) this.encoded.set(submission.sharedId, submission.shared);
  }

  descriptor(submission: TaskSubmission): TaskDeploymentDescriptor {
    this.remember(submission);
    let shared = this.known.get(submission.sharedId);
    if (!shared) {
      const bytes = this.encoded.get(submission.sharedId);
      if (!bytes) throw new Error(`submission ${submission.executionId} names shared part ${submission.sharedId}, which was never sent`);
      shared = decodeDeploymentShared(bytes);
      this.known.set(submission.sharedId, shared);
      this.encoded.delete(submission.sharedId);
    }
    return taskDeploymentDescriptor(submission, shared);
  }
}
