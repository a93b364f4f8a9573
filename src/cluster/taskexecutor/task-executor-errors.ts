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

/**
 * A CPU sample for a flame graph could not be taken: a bad request (more than the TaskExecutor allows),
 * or a worker that did not answer in time (its thread is stuck in user code).
 */
export class CpuSamplingError extends SluiceError {}
registerErrorClass(CpuSamplingError);
