/**
 * Moves data frames between TaskManagers. In the MiniCluster all TaskManagers share one process and
 * frames are handed over directly; between processes TcpDataTransport (tcp-data-transport.ts) replaces
 * this behind the same interface.
 */
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";

export type FrameReceiver = (to: WorkerKey, frame: DataFrame) => void;
/** The connection to the TaskManager at `address` is gone: channels to and from it are broken. */
export type PeerLostListener = (address: string, cause: Error) => void;

export interface DataTransport {
  /** This TaskManager's data address, which peers pass to send(). */
  readonly address: string;
  /**
   * Sends to the TaskManager at `address`, to be delivered to worker `to`; frames to one address
   * arrive in the order they were sent. Throws when this frame can never be sent (e.g. too large).
   */
  send(address: string, to: WorkerKey, frame: DataFrame): void;
  onReceive(receiver: FrameReceiver): void;
  /** Reports lost connections to peers (a killed TaskManager is noticed here at once). */
  onPeerLost(listener: PeerLostListener): void;
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

  onPeerLost(): void {
    // In one process a "lost" TaskManager is stopped through the MiniCluster, which the
    // JobMasters notice through its RPC endpoint going away; nothing is reported here.
  }

  async close(): Promise<void> {
    LocalDataTransport.registry.delete(this.address);
  }
}
