/** Processes: how much every cluster process logs, and where the log and pid files go. */
import { options } from "../config/config-option.js";
import { LOG_LEVELS } from "../util/logger.js";

export const ProcessOptions = {
  LOG_DIR: options.string({
    key: "env.log.dir",
    deprecatedKeys: ["log.dir"],
    default: undefined,
    documentedDefault: "none",
    description:
      "Directory of the cluster's log and pid files: `sluice cluster start` writes there (default ./.sluice), the process provider's TaskManagers log there (default a temporary folder), and the REST endpoint lists its files under /jobmanager/logs.",
  }),
  LOG_LEVEL: options.enum({
    key: "log.level",
    values: LOG_LEVELS,
    default: "info",
    description: "The lowest level a cluster process logs.",
  }),
} as const;
