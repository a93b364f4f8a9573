/** Why a task declines a checkpoint without it being a failure of the checkpoint (docs/architecture.md, "Failures"). */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/**
 * The task cannot take part in this checkpoint now (it is not running yet, or no longer, or is not a
 * source): the checkpoint is aborted but does not count towards the tolerable failed checkpoints.
 */
export class TaskNotReadyForCheckpointError extends SluiceError {}
registerErrorClass(TaskNotReadyForCheckpointError);
