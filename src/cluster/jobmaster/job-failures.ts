/** Why the JobMaster fails a job over when no task reported the failure itself (docs/architecture.md, "Failures"). */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/** The TaskManager running a task was lost (connection gone, or no heartbeat answer in time). */
export class TaskManagerLostError extends SluiceError {}
registerErrorClass(TaskManagerLostError);

/** More checkpoints failed in a row than execution.checkpointing.tolerable-failed-checkpoints allows. */
export class CheckpointFailureError extends SluiceError {}
registerErrorClass(CheckpointFailureError);

/** The state the job should start from could not be loaded. */
export class RestoreFailedError extends SluiceError {}
registerErrorClass(RestoreFailedError);
