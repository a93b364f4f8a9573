/**
 * Where a TaskExecutor sends the data frames its workers address to other workers: its own workers
 * directly, other TaskManagers' over the data transport, at the data addresses learned from task
 * deployments. Frames arriving from other TaskManagers are checked to be for this one.
 */
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import type { Logger } from "../../util/logger.js";
import type { DataTransport } from "./data-transport.js";

export function taskManagerOf(worker: WorkerKey): string {
  return worker.slice(0, worker.lastIndexOf("#"));
}

export class DataRouter {
  /** Data address of every TaskManager this one exchanges data with, by TaskManager id. */
  private readonly addresses = new Map<string, string>();

  constructor(
    private readonly ownId: string,
    private readonly transport: DataTransport,
    /** Hands a frame to the worker of slot `slotIndex` of this TaskManager. */
    private readonly deliverLocally: (slotIndex: number, frame: DataFrame) => void,
    private readonly log: Logger,
  ) {
    transport.onReceive((to, frame) => this.receive(to, frame));
  }

  learn(addresses: Record<string, string>): void {
    for (const [tm, addr] of Object.entries(addresses)) this.addresses.set(tm, addr);
  }

  /** Sends a frame to worker `to`; throws when the frame can never travel (the channel is broken). */
  send(to: WorkerKey, frame: DataFrame): void {
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
    this.transport.send(address, to, frame);
  }

  /** The TaskManagers reachable at a data address (to fail the tasks that exchange data with them). */
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
    this.deliverLocally(Number(to.slice(to.lastIndexOf("#") + 1)), frame);
  }
}
