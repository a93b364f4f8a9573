/** Errors a TaskExecutor fails tasks with (docs/architecture.md, "Failures"). */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/**
 * Loading a job bundle and evaluating its definition took longer than
 * taskmanager.job.evaluation-timeout: the definition probably loops or waits forever.
 */
export class JobEvaluationTimeoutError extends SluiceError {}
registerErrorClass(JobEvaluationTimeoutError);

/**
 * A call names a task execution this TaskExecutor does not have (never deployed here, or dropped with
 * its slot). A JobMaster cancelling it treats the execution as CANCELED.
 */
export class TaskNotFoundError extends SluiceError {}
registerErrorClass(TaskNotFoundError);
