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
import { readOption } from "../../config/config-option.js";
import { ConfigurationError, intOption, type Configuration } from "../../config/configuration.js";
import { ResourceManagerOptions } from "./resource-manager-options.js";

export type ResourceProviderType = "standalone" | "process" | "kubernetes";

/** Configuration keys; Flink's names where Flink has one (declared in resource-manager-options.ts). */
export const ResourceProviderOptions = {
  PROVIDER: ResourceManagerOptions.PROVIDER.key,
  MAX_COUNT: ResourceManagerOptions.MAX_COUNT.key,
  IDLE_TIMEOUT: ResourceManagerOptions.IDLE_TIMEOUT.key,
  START_RETRY_INTERVAL: ResourceManagerOptions.START_RETRY_INTERVAL.key,
  REGISTRATION_TIMEOUT: ResourceManagerOptions.REGISTRATION_TIMEOUT.key,
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

export function workerPolicy(config: Configuration): WorkerPolicy {
  const slotsPerWorker = intOption(config, ResourceProviderOptions.SLOTS, 1);
  if (slotsPerWorker < 1) throw new ConfigurationError(`${ResourceProviderOptions.SLOTS} must be a positive integer, got ${slotsPerWorker}`);
  const maxWorkers = readOption(config, ResourceManagerOptions.MAX_COUNT) ?? Number.POSITIVE_INFINITY;
  if (!(maxWorkers >= 1)) throw new ConfigurationError(`${ResourceProviderOptions.MAX_COUNT} must be a positive integer, got ${maxWorkers}`);
  const idleTimeoutMs = readOption(config, ResourceManagerOptions.IDLE_TIMEOUT);
  if (idleTimeoutMs <= 0) throw new ConfigurationError(`${ResourceProviderOptions.IDLE_TIMEOUT} must be positive`);
  const startRetryIntervalMs = readOption(config, ResourceManagerOptions.START_RETRY_INTERVAL);
  const registrationTimeoutMs = readOption(config, ResourceManagerOptions.REGISTRATION_TIMEOUT);
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
