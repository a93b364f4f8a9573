/**
 * WAITING_FOR_RESOURCES (reports RUNNING, as Flink's default scheduler does): loads the state to
 * start from, declares the slots the job needs to the ResourceManager and collects offered slots;
 * once there are enough, it goes to EXECUTING, which deploys every task.
 */
import type { JobStatus, SlotOffer } from "../../messages.js";

import { serializeError, type SerializedError } from "../../../errors/serialized-error.js";
import type { Execution } from "../execution-graph.js";
import { RestoreFailedError } from "../job-failures.js";
import { CheckpointDeclinedError } from "../checkpoint-coordinator.js";
import { JobState } from "./job-state.js";
import type { JobStateName } from "./transitions.js";
import { Canceling } from "./canceling.js";
import { Executing } from "./executing.js";
import { Failing } from "./failing.js";
import { Restarting } from "./restarting.js";
import { Suspended } from "./suspended.js";

export class WaitingForResources extends JobState {
  readonly name: JobStateName = "WAITING_FOR_RESOURCES";
  readonly jobStatus: JobStatus = "RUNNING";
  private restoreLoaded = false;
  /** Settles once the state to start from is loaded and the slots are declared (or this state was left). */
  prepared: Promise<void> = Promise.resolve();

  override onEnter(): void {
    this.job.scheduleAll();
    this.prepared = this.prepare();
  }

  private async prepare(): Promise<void> {
    let restore;
    try {
      restore = await this.job.loadRestore();
    } catch (e) {
      this.host.runIfState(this, () => this.onRestoreFailed(e as Error));
      return;
    }
    this.host.runIfState(this, () => {
      this.job.currentRestore = restore;
      this.restoreLoaded = true;
      if (restore) this.job.log.info(`job ${this.job.jobName} (${this.job.jobId}) starts from checkpoint ${restore.checkpointId}`);
      this.tryDeploy();
    });
    if (!this.restoreLoaded) return;
    await this.job.declareResources(this.job.required);
    this.host.runIfState(this, () => this.tryDeploy());
  }

  private onRestoreFailed(e: Error): void {
    const error = serializeError(new RestoreFailedError(`the state to start from cannot be loaded: ${e.message}`, { cause: e }));
    const decision = this.job.decideOnGlobalFailure(error);
    this.host.goTo(decision.restart ? new Restarting(this.host, decision.delayMs) : new Failing(this.host));
  }

  private tryDeploy(): void {
    if (!this.restoreLoaded) return;
    if (this.job.hasEnoughSlots()) this.host.goTo(new Executing(this.host));
    else this.job.updateWaitingMessage();
  }

  override onSlotsOffered(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    const accepted = this.job.acceptSlots(taskManagerId, taskExecutorAddress, dataAddress, offers);
    this.tryDeploy();
    return accepted;
  }

  override onTaskManagerLost(_taskManagerId: string, _failed: readonly Execution[], _error: SerializedError): void {
    if (this.restoreLoaded) this.job.updateWaitingMessage();
  }

  override triggerSavepoint(): Promise<string> {
    return Promise.reject(new CheckpointDeclinedError("not all tasks are running: the job is waiting for resources"));
  }

  override cancel(): void {
    this.host.goTo(new Canceling(this.host));
  }

  override suspend(cause: string): void {
    this.host.goTo(new Suspended(this.host, cause));
  }
}
