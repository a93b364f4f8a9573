/**
 * The job's states and the transitions between them (docs/architecture.md, "Job states"). A state
 * name is finer than the JobStatus it reports: waiting for resources and executing both report
 * RUNNING, so the table is over state names. `goTo` enforces it: an illegal transition is a
 * programming error, not a situation to recover from.
 */
import { SluiceError, registerErrorClass } from "../../../errors/sluice-error.js";

export type JobStateName =
  | "CREATED"
  | "WAITING_FOR_RESOURCES"
  | "EXECUTING"
  | "RESTARTING"
  | "FAILING"
  | "CANCELING"
  | "FINISHED"
  | "FAILED"
  | "CANCELED"
  | "SUSPENDED";

export const JOB_STATE_TRANSITIONS: Readonly<Record<JobStateName, readonly JobStateName[]>> = {
  CREATED: ["WAITING_FOR_RESOURCES", "CANCELING", "SUSPENDED"],
  // RESTARTING and FAILING: the state to restore could not be read (a global failure).
  WAITING_FOR_RESOURCES: ["EXECUTING", "RESTARTING", "FAILING", "CANCELING", "SUSPENDED"],
  EXECUTING: ["RESTARTING", "FAILING", "CANCELING", "FINISHED", "SUSPENDED"],
  RESTARTING: ["WAITING_FOR_RESOURCES", "CANCELING", "SUSPENDED"],
  FAILING: ["FAILED", "CANCELING", "SUSPENDED"],
  CANCELING: ["CANCELED", "SUSPENDED"],
  FINISHED: [],
  FAILED: [],
  CANCELED: [],
  // Not globally terminal (the next leader resumes the job), but this JobMaster is done.
  SUSPENDED: [],
};

/** A state tried a transition the table does not allow: a bug in the JobMaster. */
export class IllegalStateTransitionError extends SluiceError {}
registerErrorClass(IllegalStateTransitionError);

/** Throws IllegalStateTransitionError (naming both states) unless the table allows `from` → `to`. */
export function checkTransition(from: JobStateName, to: JobStateName): void {
  if (JOB_STATE_TRANSITIONS[from].includes(to)) return;
  const allowed = JOB_STATE_TRANSITIONS[from].join(", ") || "none";
  throw new IllegalStateTransitionError(`illegal job state transition from ${from} to ${to} (allowed from ${from}: ${allowed})`);
}
