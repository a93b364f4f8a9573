/**
 * Moves data frames between TaskManagers. In the MiniCluster all TaskManagers share one process and
 * frames are handed over directly; between processes a TCP transport replaces this (same interface).
 */
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";

export type FrameReceiver = (to: WorkerKey, frame: DataFrame) => void;

export interface DataTransport {
  /** This TaskManager's data address, which peers pass to send(). */
  readonly address: string;
  /** Sends to the TaskManager at `address`, to be delivered to worker `to`. */
  send(address: string, to: WorkerKey, frame: DataFrame): void;
  onReceive(receiver: FrameReceiver): void;
  close(): Promise<void>;
}

export class LocalDataTransport implements DataTransport {
  private static readonly registry = new Map<string, LocalDataTransport>();
  private static next = 1;
  readonly address = `local-data://${LocalDataTransport.next++}`;
  private receiver: FrameReceiver | undefined;

  constructor() {
    LocalDataTransport.registry.set(this.address, this);
  }

  send(address: string, to: WorkerKey, frame: DataFrame): void {
    const peer = LocalDataTransport.registry.get(address);
    // A frame for a TaskManager that is gone is dropped: its tasks are failing and will be redeployed.
    if (peer?.receiver) queueMicrotask(() => peer.receiver?.(to, frame));
  }

  onReceive(receiver: FrameReceiver): void {
    this.receiver = receiver;
  }

  async close(): Promise<void> {
    LocalDataTransport.registry.delete(this.address);
  }
}
