/** Errors a TaskExecutor fails tasks with (docs/architecture.md, "Failures"). */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/**
 * Loading a job bundle and evaluating its definition took longer than
 * taskmanager.job.evaluation-timeout: the definition probably loops or waits forever.
 */
export class JobEvaluationTimeoutError extends SluiceError {}
registerErrorClass(JobEvaluationTimeoutError);
