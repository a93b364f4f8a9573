/** Dispatcher: what it keeps of a job once the job has ended and its HA data is cleaned up. */
import { options } from "../../config/config-option.js";

export const DispatcherOptions = {
  JOB_RESULT_DELETE_ON_COMMIT: options.boolean({
    key: "job-result-store.delete-on-commit",
    default: true,
    description:
      "Delete a job's entry in the job result store once its HA data has been cleaned up. Application mode keeps it (false), so that a restarted application knows its job ended.",
  }),
} as const;
