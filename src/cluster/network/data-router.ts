/**
 * A TaskManager's data plane (docs/architecture.md, "Data plane"): where the data frames its slot
 * workers address to workers they have no direct channel to go. Frames for its own workers are
 * handed to them; frames for other TaskManagers' workers go over the data transport, to the data
 * addresses learned from task deployments. Frames arriving from other TaskManagers are checked to
 * be for this one and handed to the addressed worker. Workers are attached when they are created,
 * so frames never pass through the TaskExecutor, which only hears of failures:
 * - a frame that can never be sent breaks its sender's channels (DataTransportError);
 * - a lost connection breaks the channels to the TaskManagers at that address (RemoteTransportError).
 */
import { parseWorkerKey, taskManagerOf, type DataFrame, type WorkerKey } from "../../runtime/network/frames.js";
import type { Logger } from "../../util/logger.js";
import { DataTransportError, RemoteTransportError } from "./data-plane-errors.js";
import type { DataTransport } from "./data-transport.js";

/** A worker of this TaskManager, as the router sees it. */
export interface FrameSink {
  readonly key: WorkerKey;
  deliver(frame: DataFrame): void;
}

/** A frame from worker `from` could not be sent: that worker's channel is broken. */
export type UndeliverableListener = (from: WorkerKey, error: DataTransportError) => void;
/** The data connection to these TaskManagers is gone: channels to them are broken. */
export type DataPeerLostListener = (taskManagers: ReadonlySet<string>, error: RemoteTransportError) => void;

export class DataRouter {
  /** Data address of every TaskManager this one exchanges data with, by TaskManager id. */
  private readonly addresses = new Map<string, string>();
  /** This TaskManager's workers, by slot index. */
  private readonly workers = new Map<number, FrameSink>();
  private readonly undeliverableListeners: UndeliverableListener[] = [];
  private readonly peerLostListeners: DataPeerLostListener[] = [];

  constructor(
    private readonly ownId: string,
    private readonly transport: DataTransport,
    private readonly log: Logger,
  ) {
    transport.onReceive((to, frame) => this.receive(to, frame));
    transport.onPeerLost((address, cause) => this.peerLost(address, cause));
  }

  /** Frames for `worker.key` go to this worker from now on (a restarted slot's worker replaces the old one). */
  attach(worker: FrameSink): void {
    this.workers.set(this.ownSlot(worker.key), worker);
  }

  /** Frames for `worker.key` are dropped from now on, unless another worker was attached under the key. */
  detach(worker: FrameSink): void {
    const slot = this.ownSlot(worker.key);
    if (this.workers.get(slot) === worker) this.workers.delete(slot);
  }

  learn(addresses: Record<string, string>): void {
    for (const [tm, addr] of Object.entries(addresses)) this.addresses.set(tm, addr);
  }

  onUndeliverable(listener: UndeliverableListener): void {
    this.undeliverableListeners.push(listener);
  }

  onPeerLost(listener: DataPeerLostListener): void {
    this.peerLostListeners.push(listener);
  }

  /** A frame from this TaskManager's worker `from` to worker `to`. */
  send(from: WorkerKey, to: WorkerKey, frame: DataFrame): void {
    const tm = taskManagerOf(to);
    if (tm === this.ownId) {
      this.toLocalWorker(to, frame);
      return;
    }
    const address = this.addresses.get(tm);
    if (!address) {
      this.log.warn(`no data address for TaskManager ${tm}; frame for ${frame.ch} dropped`);
      return;
    }
    try {
      this.transport.send(address, to, frame);
    } catch (e) {
      // A frame that can never travel (e.g. a record larger than the maximum frame) breaks its
      // channel for good: the sender's tasks fail rather than leave their consumer waiting.
      const cause = e as Error;
      this.log.error(`cannot send frame for channel ${frame.ch} to ${tm}: ${cause.message}`);
      const error = new DataTransportError(`sending to TaskManager ${tm} failed: ${cause.message}`, { cause });
      for (const l of this.undeliverableListeners) l(from, error);
    }
  }

  /** The TaskManagers reachable at a data address. */
  taskManagersAt(address: string): Set<string> {
    const found = new Set<string>();
    for (const [tm, addr] of this.addresses) if (addr === address) found.add(tm);
    return found;
  }

  /** A frame from another TaskManager; only frames addressed to this TaskManager's workers are taken. */
  private receive(to: WorkerKey, frame: DataFrame): void {
    if (taskManagerOf(to) !== this.ownId) {
      this.log.warn(`frame for worker ${to} arrived at TaskManager ${this.ownId}; dropped`);
      return;
    }
    this.toLocalWorker(to, frame);
  }

  private toLocalWorker(to: WorkerKey, frame: DataFrame): void {
    this.workers.get(parseWorkerKey(to).slotIndex)?.deliver(frame);
  }

  private ownSlot(key: WorkerKey): number {
    const { taskManagerId, slotIndex } = parseWorkerKey(key);
    if (taskManagerId !== this.ownId) throw new Error(`worker ${key} does not belong to TaskManager ${this.ownId}`);
    return slotIndex;
  }

  private peerLost(address: string, cause: Error): void {
    const lost = this.taskManagersAt(address);
    if (lost.size === 0) return;
    const error = new RemoteTransportError(`data connection to TaskManager ${[...lost].join(", ")} (${address}) lost: ${cause.message}`, { cause });
    for (const l of this.peerLostListeners) l(lost, error);
  }
}
