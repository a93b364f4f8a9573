/** Logging: how much the cluster's processes log, and where their log files go. */
import { options } from "../config/config-option.js";
import { LOG_LEVELS } from "./logger.js";

export const LoggingOptions = {
  LEVEL: options.enum({
    key: "log.level",
    values: LOG_LEVELS,
    default: "info",
    description: "Least severe level a process logs (to stderr and to the buffer the REST API serves).",
  }),
  DIR: options.string({
    key: "env.log.dir",
    deprecatedKeys: ["log.dir"],
    default: undefined,
    documentedDefault: "./.sluice for sluice cluster; a temporary folder for spawned TaskManagers",
    description: "Directory of the processes' log (and pid) files; the JobManager serves its files at /jobmanager/logs.",
  }),
} as const;
