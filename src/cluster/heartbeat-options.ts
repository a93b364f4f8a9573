/** Heartbeats: between the JobMaster, the ResourceManager and the TaskExecutors (Flink's keys). */
import { options } from "../config/config-option.js";

export const HeartbeatOptions = {
  INTERVAL: options.duration({
    key: "heartbeat.interval",
    default: 10_000,
    min: 1,
    description: "How often a monitoring component asks each of its targets for a heartbeat.",
  }),
  TIMEOUT: options.duration({
    key: "heartbeat.timeout",
    default: 50_000,
    min: 1,
    description:
      "A target not heard from for this long is declared dead (its slots are lost, its tasks fail over). A lost connection is noticed at once; this catches a frozen process or a partition.",
  }),
} as const;
