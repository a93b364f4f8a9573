/**
 * The contract between the ResourceManager and whatever hosts TaskManagers (Flink's
 * ResourceManagerDriver): the seed's "one ResourceManager per resource provider".
 *
 * A provider only knows how to start and stop TaskManagers and tells when one dies; the policy —
 * when to start, how many, when one is idle long enough to stop — is the ResourceManager's
 * (active-worker-pool.ts), so that every provider behaves the same. Implementations:
 *  - `standalone` (the default): TaskManagers are started by hand or by `sluice cluster start`;
 *    the provider is passive and never starts or stops anything;
 *  - `process`: local `sluice taskmanager` child processes of the JobManager;
 *  - `kubernetes`: TaskManager pods from a template (described in docs/deployment.md).
 */
import { ConfigurationError, durationOption, intOption, type Configuration } from "../../config/configuration.js";

export type ResourceProviderType = "standalone" | "process" | "kubernetes";

/** Configuration keys; Flink's names where Flink has one. */
export const ResourceProviderOptions = {
  PROVIDER: "resourcemanager.provider",
  /** At most this many TaskManagers started by the provider at once (pending ones included). */
  MAX_COUNT: "resourcemanager.taskmanager.max-count",
  /** Flink's key: a TaskManager the provider started whose slots are all free this long is stopped. */
  IDLE_TIMEOUT: "resourcemanager.taskmanager-timeout",
  /** Flink's key: after a TaskManager died before registering, wait this long before starting another. */
  START_RETRY_INTERVAL: "resourcemanager.start-worker.retry-interval",
  /** Flink's key: a started TaskManager that has not registered within this time is stopped and replaced. */
  REGISTRATION_TIMEOUT: "resourcemanager.taskmanager-registration.timeout",
  SLOTS: "taskmanager.numberOfTaskSlots",
} as const;

/** When an active provider starts and stops TaskManagers. */
export interface WorkerPolicy {
  /** Slots of each TaskManager the provider starts (`taskmanager.numberOfTaskSlots`). */
  slotsPerWorker: number;
  maxWorkers: number;
  idleTimeoutMs: number;
  startRetryIntervalMs: number;
  registrationTimeoutMs: number;
}

export const WORKER_POLICY_DEFAULTS = {
  maxWorkers: Number.POSITIVE_INFINITY,
  idleTimeoutMs: 30_000,
  startRetryIntervalMs: 3_000,
  registrationTimeoutMs: 300_000,
} as const;

export function workerPolicy(config: Configuration): WorkerPolicy {
  const slotsPerWorker = intOption(config, ResourceProviderOptions.SLOTS, 1);
  if (slotsPerWorker < 1) throw new ConfigurationError(`${ResourceProviderOptions.SLOTS} must be a positive integer, got ${slotsPerWorker}`);
  const max = config[ResourceProviderOptions.MAX_COUNT];
  const maxWorkers = max === undefined || max.trim() === "" ? WORKER_POLICY_DEFAULTS.maxWorkers : intOption(config, ResourceProviderOptions.MAX_COUNT, 0);
  if (!(maxWorkers >= 1)) throw new ConfigurationError(`${ResourceProviderOptions.MAX_COUNT} must be a positive integer, got "${max}"`);
  const idleTimeoutMs = durationOption(config, ResourceProviderOptions.IDLE_TIMEOUT, WORKER_POLICY_DEFAULTS.idleTimeoutMs);
  if (idleTimeoutMs <= 0) throw new ConfigurationError(`${ResourceProviderOptions.IDLE_TIMEOUT} must be positive`);
  const startRetryIntervalMs = durationOption(config, ResourceProviderOptions.START_RETRY_INTERVAL, WORKER_POLICY_DEFAULTS.startRetryIntervalMs);
  const registrationTimeoutMs = durationOption(config, ResourceProviderOptions.REGISTRATION_TIMEOUT, WORKER_POLICY_DEFAULTS.registrationTimeoutMs);
  if (registrationTimeoutMs <= 0) throw new ConfigurationError(`${ResourceProviderOptions.REGISTRATION_TIMEOUT} must be positive`);
  return { slotsPerWorker, maxWorkers, idleTimeoutMs, startRetryIntervalMs, registrationTimeoutMs };
}

/** Why a TaskManager the provider started is gone, e.g. "exited with code 1" or "killed by SIGKILL". */
export type WorkerTerminatedListener = (resourceId: string, cause: string) => void;

export interface ResourceProvider {
  readonly type: ResourceProviderType;
  /** Whether the provider starts and stops TaskManagers itself (Flink's active resource managers). */
  readonly active: boolean;
  readonly policy: WorkerPolicy;
  /**
   * Starts a TaskManager with `policy.slotsPerWorker` slots that registers under `resourceId`
   * (`taskmanager.resource-id`). Resolves once it is launched, not once it has registered.
   */
  startWorker(resourceId: string): Promise<void>;
  /** Stops a TaskManager this provider started; no error when it is already gone. */
  stopWorker(resourceId: string, reason: string): Promise<void>;
  /** Reports every TaskManager this provider started that ended (stopped ones included). Returns the unsubscribe function. */
  onWorkerTerminated(listener: WorkerTerminatedListener): () => void;
  /** Stops every TaskManager this provider started and releases the provider (the JobManager shuts down). */
  close(): Promise<void>;
}
