/**
 * High availability: where leaders are elected and job data is kept so that a standby JobManager
 * can take over (Flink's keys, so that a Flink user's configuration carries over).
 */
import { options } from "../../config/config-option.js";

export const HaOptions = {
  TYPE: options.enum({
    key: "high-availability.type",
    values: ["none", "zookeeper"],
    default: "none",
    deprecatedKeys: ["high-availability"],
    description:
      "none: one JobManager, nothing survives its process. zookeeper: leaders are elected in ZooKeeper and job graphs, checkpoints and results are kept, so a standby JobManager takes over running jobs.",
  }),
  QUORUM: options.string({
    key: "high-availability.zookeeper.quorum",
    default: undefined,
    required: "when high-availability.type is zookeeper",
    description: 'The ZooKeeper servers, "host:port,host:port".',
  }),
  STORAGE_DIR: options.string({
    key: "high-availability.storageDir",
    default: undefined,
    required: "when high-availability.type is zookeeper",
    description:
      "Directory (a path or file:// URL, shared by all JobManagers) for the job graphs, checkpoint metadata and job results that the ZooKeeper nodes point to.",
  }),
  CLUSTER_ID: options.string({
    key: "high-availability.cluster-id",
    default: "default",
    description: 'Name of this cluster under the ZooKeeper root; clusters sharing a quorum need different ids. No "/".',
  }),
  ROOT: options.string({
    key: "high-availability.zookeeper.path.root",
    default: "/sluice",
    description: "ZooKeeper node under which all clusters keep their data.",
  }),
  SESSION_TIMEOUT: options.duration({
    key: "high-availability.zookeeper.client.session-timeout",
    default: 60_000,
    min: 1,
    description: "ZooKeeper session timeout: a JobManager unheard of for this long loses its leadership and ephemeral nodes.",
  }),
  CONNECTION_TIMEOUT: options.duration({
    key: "high-availability.zookeeper.client.connection-timeout",
    default: 15_000,
    min: 1,
    description: "How long to wait for a connection to ZooKeeper (the first one, and each attempt).",
  }),
  TOLERATE_SUSPENDED: options.boolean({
    key: "high-availability.zookeeper.client.tolerate-suspended-connections",
    default: false,
    description: "Keep leadership while the connection to ZooKeeper is suspended, losing it only when the session expires.",
  }),
  RETRY_WAIT: options.duration({
    key: "high-availability.zookeeper.client.retry-wait",
    default: 5000,
    min: 1,
    description: "Pause between retries of a ZooKeeper operation; retry-wait × max-retry-attempts bounds one operation.",
  }),
  MAX_RETRY_ATTEMPTS: options.integer({
    key: "high-availability.zookeeper.client.max-retry-attempts",
    default: 3,
    min: 1,
    description: "Attempts of a ZooKeeper operation before it fails; retry-wait × max-retry-attempts bounds one operation.",
  }),
} as const;
