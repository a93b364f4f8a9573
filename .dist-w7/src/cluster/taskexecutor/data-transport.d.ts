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
export declare class LocalDataTransport implements DataTransport {
    private static readonly registry;
    private static next;
    readonly address: string;
    private receiver;
    constructor();
    send(address: string, to: WorkerKey, frame: DataFrame): void;
    onReceive(receiver: FrameReceiver): void;
    onPeerLost(): void;
    close(): Promise<void>;
}
