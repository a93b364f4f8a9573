/** Blobs: the JobManager's BlobServer keeps job bundles for the TaskExecutors to fetch (Flink's keys). */
import { options } from "../../config/config-option.js";

export const BlobOptions = {
  STORAGE_DIRECTORY: options.string({
    key: "blob.storage.directory",
    default: undefined,
    documentedDefault: "a temporary folder, removed when the JobManager exits",
    description: "Directory where the JobManager's BlobServer keeps job bundles, by content hash.",
  }),
} as const;
