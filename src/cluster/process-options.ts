/** Configuration options of every cluster process: its logs (docs/configuration.md is generated from them). */
import { options } from "../config/config-option.js";

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
    values: ["debug", "info", "warn", "error"] as const,
    default: "info",
    description: "The lowest level a cluster process logs.",
  }),
} as const;
